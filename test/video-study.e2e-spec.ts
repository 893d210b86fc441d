import { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@qinglian/common';
import { JobName, JobQueue } from '@qinglian/queue';
import { MediaUrlSigner } from '@qinglian/media';
import { eventually, makeTestPdf, makeTestVideo, OrgFixture, seedOrganisation, startTestApi, startTestWorker, TestApi } from '@qinglian/testing';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';

const LESSON = 'mutation($courseId: ID!, $input: LessonInput!) { addLesson(courseId: $courseId, input: $input) { id kind } }';
const START = 'mutation($lessonId: ID!) { startVideo(lessonId: $lessonId) { sessionId durationSeconds requiredSeconds playbackUrl posterUrl progress { watchedSeconds position furthestPosition } } }';
const BEAT = `mutation($input: VideoHeartbeatInput!) { recordVideoHeartbeat(input: $input) {
  reason creditedSeconds lessonCompleted courseCompleted progress { watchedSeconds furthestPosition completedAt } } }`;
const MEDIA = 'query($id: ID!) { mediaAsset(id: $id) { status durationSeconds durationSource failureReason posterUrl url } }';

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

/** Lists every file under a folder (recursively). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('films: upload, processing, signed range playback and honest study-time credit', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let dir: string;
  let storage: string;
  let film: string;
  let pdf: string;
  let trainer: string;
  let cadre: string;
  let otherCadre: string;
  let now: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qinglian-film-'));
    storage = path.join(dir, 'storage');
    film = makeTestVideo(dir, 60);
    pdf = makeTestPdf(dir);
    api = await startTestApi('films', { STORAGE_PATH: storage, MEDIA_MAX_VIDEO_MB: '1', MEDIA_URL_TTL_SECONDS: '600' });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    cadre = await api.login('13800000004', org.password);
    otherCadre = await api.login('13800000005', org.password);
    // the server's clock, moved by the tests instead of waiting
    now = Date.now();
    jest.spyOn(api.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A one-question quiz owned by the caller's unit. */
  const quizFor = async (token: string) => {
    const q = await api.ok('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { kind: 'TRUE_FALSE', stem: '党员可以收受管理服务对象的礼金。', answer: ['FALSE'], subject: 'PARTY_DISCIPLINE', difficulty: 1 } }, token);
    const z = await api.ok('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '随堂测验', mode: 'FIXED', questionIds: [q.createQuestion.id], passMark: 60 } }, token);
    return z.createQuiz.id as string;
  };
  const upload = (kind: string, file: string | Buffer, contentType: string, token = trainer) =>
    request(api.app.getHttpServer())
      .post(`/media/${kind}`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', file, { filename: typeof file === 'string' ? path.basename(file) : 'upload.bin', contentType });
  const ready = (id: string) =>
    eventually(async () => {
      const { mediaAsset } = await api.ok(MEDIA, { id }, trainer);
      return mediaAsset.status === 'PROCESSING' ? undefined : mediaAsset;
    }, 'the film to be processed', 30_000);
  const get = (url: string, headers: Record<string, string> = {}) => {
    let req = request(api.app.getHttpServer()).get(url).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    return req;
  };
  const advance = (seconds: number) => (now += seconds * 1000);
  const counts = async () => {
    const [row] = await api.app.get(DataSource).query('SELECT count(*)::int AS n FROM media_assets');
    return { rows: row.n as number, files: filesUnder(storage).length };
  };

  let filmId: string;
  let courseId: string;
  const lessons: Record<string, string> = {};

  it('a trainer uploads a real film; the worker reads its duration and poster frame and the film becomes READY', async () => {
    const res = await upload('videos', film, 'video/mp4');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'VIDEO', status: 'PROCESSING', contentType: 'video/mp4', sizeBytes: statSync(film).size });
    filmId = res.body.id;

    const asset = await ready(filmId);
    expect(asset).toMatchObject({ status: 'READY', durationSource: 'PROBE', failureReason: null });
    expect(asset.durationSeconds).toBeCloseTo(60, 0);
    const poster = await get(asset.posterUrl);
    expect(poster.status).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect((poster.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('a course with all four lesson kinds is published; an unreadable film is FAILED with the reason until its duration is entered', async () => {
    const { createCourse } = await api.ok(
      'mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }',
      { input: { title: '警示教育片《蜕变》观后', subject: 'WARNING_CASES', classHours: 1, requiredTiers: ['ON_JOB'] } },
      trainer,
    );
    courseId = createCourse.id;
    const doc = await upload('documents', pdf, 'application/pdf');
    expect(doc.status).toBe(201);
    lessons.article = (await api.ok(LESSON, { courseId, input: { kind: 'ARTICLE', title: '案情简介', body: '<p>某局原局长受贿案。</p>', minReadingSeconds: 60 } }, trainer)).addLesson.id;
    lessons.video = (await api.ok(LESSON, { courseId, input: { kind: 'VIDEO', title: '警示教育片', mediaId: filmId } }, trainer)).addLesson.id;
    lessons.document = (await api.ok(LESSON, { courseId, input: { kind: 'DOCUMENT', title: '忏悔书', mediaId: doc.body.id } }, trainer)).addLesson.id;
    lessons.quiz = (await api.ok(LESSON, { courseId, input: { kind: 'QUIZ', title: '观后测验', optional: true, quizId: await quizFor(trainer) } }, trainer)).addLesson.id;

    // a file that claims to be mp4 and starts like one, but is not a film
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(4000, 7)]);
    const broken = await upload('videos', fake, 'video/mp4');
    expect(broken.status).toBe(201);
    const failed = await ready(broken.body.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/ffprobe could not read the film/);
    const { createCourse: other } = await api.ok('mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }', { input: { title: '草稿', subject: 'WARNING_CASES', classHours: 1 } }, trainer);
    await api.ok(LESSON, { courseId: other.id, input: { kind: 'VIDEO', title: '坏片', mediaId: broken.body.id } }, trainer);
    const refused = await api.gql('mutation($id: ID!) { publishCourse(id: $id) { status } }', { id: other.id }, trainer);
    expect(refused.errors![0].message).toMatch(/Lesson 1 《坏片》: the film could not be read \(ffprobe could not read the film/);
    const fixed = await api.ok('mutation($id: ID!) { setVideoDuration(id: $id, seconds: 95) { status durationSeconds durationSource } }', { id: broken.body.id }, trainer);
    expect(fixed.setVideoDuration).toEqual({ status: 'READY', durationSeconds: 95, durationSource: 'TRAINER' });

    // a cover image: uploaded like any file, shown through a signed link
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 3)]);
    const cover = await upload('images', png, 'image/png');
    expect(cover.status).toBe(201);
    const withCover = await api.ok('mutation($id: ID!, $c: ID!) { updateCourse(id: $id, input: { coverMediaId: $c }) { coverUrl } }', { id: courseId, c: cover.body.id }, trainer);
    expect((await get(withCover.updateCourse.coverUrl)).body).toEqual(png);
    // a film cannot be a cover
    const notImage = await api.gql('mutation($id: ID!, $c: ID!) { updateCourse(id: $id, input: { coverMediaId: $c }) { id } }', { id: courseId, c: filmId }, trainer);
    expect(notImage.errors![0].message).toBe('coverMediaId: must be an image, not a video');
    // cadres do not see drafts
    expect(code(await api.gql('query($id: ID!) { course(id: $id) { id } }', { id: courseId }, cadre))).toBe('NOT_FOUND');

    const published = await api.ok('mutation($id: ID!) { publishCourse(id: $id) { status lessons { kind media { status } } } }', { id: courseId }, trainer);
    expect(published.publishCourse.lessons).toEqual([
      { kind: 'ARTICLE', media: null },
      { kind: 'VIDEO', media: { status: 'READY' } },
      { kind: 'DOCUMENT', media: { status: 'READY' } },
      { kind: 'QUIZ', media: null },
    ]);
  });

  it('plays back through a signed link with Range requests (206 with the right bytes); expired or foreign links are refused', async () => {
    const { startVideo } = await api.ok(START, { lessonId: lessons.video }, cadre);
    const bytes = readFileSync(film);

    const part = await get(startVideo.playbackUrl, { range: 'bytes=100-1099' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${bytes.length}`);
    expect(part.headers['accept-ranges']).toBe('bytes');
    expect(part.body).toEqual(bytes.subarray(100, 1100));
    const tail = await get(startVideo.playbackUrl, { range: 'bytes=-500' });
    expect(tail.status).toBe(206);
    expect(tail.body).toEqual(bytes.subarray(bytes.length - 500));
    const whole = await get(startVideo.playbackUrl);
    expect(whole.status).toBe(200);
    expect(whole.body).toEqual(bytes);
    expect((await get(startVideo.playbackUrl, { range: `bytes=${bytes.length + 10}-` })).status).toBe(416);

    // signed with the server's own key, but expired a minute ago
    const signer = new MediaUrlSigner(api.env.JWT_SECRET);
    const expired = { mediaId: filmId, variant: 'content' as const, userId: org.cadre.id, expires: Math.floor(Date.now() / 1000) - 60 };
    const stale = await get(`/media/${filmId}/content?${signer.query(expired)}`);
    expect(stale.status).toBe(403);
    expect(JSON.parse(stale.body.toString()).message).toMatch(/expired/);
    // a valid link of another file, pointed at this one
    const url = new URL(startVideo.playbackUrl, 'http://x');
    const docId = (await api.app.get(DataSource).query(`SELECT media_id FROM lessons WHERE id = $1`, [lessons.document]))[0].media_id;
    expect((await get(`/media/${docId}/content${url.search}`)).status).toBe(403);
    // someone else's name on a valid link
    url.searchParams.set('u', org.otherCadre.id);
    expect((await get(`${url.pathname}${url.search}`)).status).toBe(403);
    expect((await get(`/media/${filmId}/content`)).status).toBe(403);
  });

  it('a cadre outside the course cannot start the film; heartbeats on someone else\'s session are refused', async () => {
    const refused = await api.gql(START, { lessonId: lessons.video }, otherCadre);
    expect(code(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toBe('This lesson belongs to a course that is not published for you');
    const { startVideo } = await api.ok(START, { lessonId: lessons.video }, cadre);
    const res = await api.gql(BEAT, { input: { sessionId: startVideo.sessionId, lessonId: lessons.video, seq: 1, position: 0, playbackRate: 1, visible: true, clientTime: new Date(now) } }, otherCadre);
    expect(code(res)).toBe('NOT_FOUND');
  });

  it('the nightly purge deletes playback sessions expired over a day ago and keeps the others, which still take heartbeats', async () => {
    const db = api.app.get(DataSource);
    const old = (await api.ok(START, { lessonId: lessons.video }, cadre)).startVideo.sessionId;
    const fresh = (await api.ok(START, { lessonId: lessons.video }, cadre)).startVideo.sessionId;
    await db.query(`UPDATE video_sessions SET expires_at = now() - interval '25 hours' WHERE id = $1`, [old]);
    const job = await worker.get(JobQueue).add(JobName.PURGE_EXPIRED_VIDEO_SESSIONS, { batchSize: 1 });
    const left = await eventually(async () => {
      const rows: { id: string }[] = await db.query(`SELECT id FROM video_sessions WHERE id = ANY($1::uuid[])`, [[old, fresh]]);
      return rows.length === 1 ? rows.map((r) => r.id) : undefined;
    }, 'the purge');
    expect(left).toEqual([fresh]);
    const finished = await eventually(async () => {
      const j = await worker.get(JobQueue).queue(JobName.PURGE_EXPIRED_VIDEO_SESSIONS).getJob(job.id!);
      return j?.finishedOn ? j : undefined;
    }, 'the purge job to finish');
    expect(finished.returnvalue).toEqual({ deleted: 1 });
    const beat = await api.gql(BEAT, { input: { sessionId: fresh, lessonId: lessons.video, seq: 1, position: 0, playbackRate: 1, visible: true, clientTime: new Date(now) } }, cadre);
    expect(beat.errors).toBeUndefined();
  });

  describe('heartbeat rules', () => {
    let session: string;
    let seq: number;
    const beat = async (position: number, over: Record<string, unknown> = {}, token = cadre) => {
      seq += 1;
      return api.gql(BEAT, { input: { sessionId: session, lessonId: lessons.video, seq, position, playbackRate: 1, visible: true, clientTime: new Date(now), ...over } }, token);
    };
    const credit = async (position: number, over: Record<string, unknown> = {}) => {
      const res = await beat(position, over);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.recordVideoHeartbeat;
    };
    const watched = async () =>
      (await api.app.get(DataSource).query(`SELECT watched_seconds::float AS w FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2`, [org.cadre.id, lessons.video]))[0].w;

    beforeAll(async () => {
      advance(60);
      session = (await api.ok(START, { lessonId: lessons.video }, cadre)).startVideo.sessionId;
      seq = 0;
    });

    it('credits what is watched at normal speed, from the second heartbeat on', async () => {
      expect(await credit(0)).toMatchObject({ reason: 'STARTED', creditedSeconds: 0 });
      advance(5);
      expect(await credit(5)).toMatchObject({ reason: 'CREDITED', creditedSeconds: 5, progress: { watchedSeconds: 5, furthestPosition: 5 } });
    });

    it('a replayed heartbeat earns nothing and changes nothing', async () => {
      const input = { sessionId: session, lessonId: lessons.video, seq, position: 5, playbackRate: 1, visible: true, clientTime: new Date(now) };
      const again = await api.gql(BEAT, { input }, cadre);
      expect(again.data!.recordVideoHeartbeat).toMatchObject({ reason: 'REPLAYED', creditedSeconds: 0 });
      expect(await watched()).toBe(5);
    });

    it('a jump forward earns nothing; watching after it earns only what is watched', async () => {
      advance(5);
      expect(await credit(40)).toMatchObject({ reason: 'JUMPED_AHEAD', creditedSeconds: 0 });
      expect(await watched()).toBe(5);
      advance(5);
      expect(await credit(45)).toMatchObject({ reason: 'CREDITED', creditedSeconds: 5 });
    });

    it('2x playback is credited at 1.5x', async () => {
      advance(4);
      expect(await credit(53, { playbackRate: 2 })).toMatchObject({ creditedSeconds: 6 });
    });

    it('a hidden tab and an unanswered presence check earn nothing', async () => {
      advance(5);
      expect(await credit(58, { idle: true })).toMatchObject({ reason: 'IDLE', creditedSeconds: 0 });
      advance(5);
      expect(await credit(60, { visible: false })).toMatchObject({ reason: 'HIDDEN', creditedSeconds: 0 });
      expect(await watched()).toBe(16);
    });

    it('watching the same seconds again earns nothing', async () => {
      advance(1);
      await credit(0);
      advance(5);
      expect(await credit(5)).toMatchObject({ reason: 'ALREADY_WATCHED', creditedSeconds: 0 });
    });

    it('absurd values and a clock running backwards are refused with the field named, and earn nothing', async () => {
      const before = await watched();
      advance(5);
      const beyond = await beat(61);
      expect(beyond.errors![0].message).toBe("position: must be between 0 and the film's duration (60 s)");
      expect((await beat(6, { playbackRate: 50 })).errors![0].message).toMatch(/^playbackRate:/);
      expect((await beat(-3)).errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect((await beat(10, { clientTime: new Date(now - 60_000) })).errors![0].message).toMatch(/^clientTime: runs backwards/);
      expect(await watched()).toBe(before);
    });

    it('two tabs at once do not double the credit: one wall-clock second is credited once', async () => {
      advance(60);
      const tabA = (await api.ok(START, { lessonId: lessons.video }, cadre)).startVideo.sessionId;
      const tabB = (await api.ok(START, { lessonId: lessons.video }, cadre)).startVideo.sessionId;
      const both = (positions: [number, number], n: number) =>
        Promise.all([
          api.gql(BEAT, { input: { sessionId: tabA, lessonId: lessons.video, seq: n, position: positions[0], playbackRate: 1, visible: true, clientTime: new Date(now) } }, cadre),
          api.gql(BEAT, { input: { sessionId: tabB, lessonId: lessons.video, seq: n, position: positions[1], playbackRate: 1, visible: true, clientTime: new Date(now) } }, cadre),
        ]);
      const before = await watched();
      await both([10, 30], 1);
      advance(5);
      const results = await both([15, 35], 2);
      const credited = results.map((r) => r.data!.recordVideoHeartbeat.creditedSeconds as number);
      // 5 seconds passed: one tab earns them, the other is told the time went to another playback
      expect(credited.reduce((a, b) => a + b, 0)).toBe(5);
      expect(results.map((r) => r.data!.recordVideoHeartbeat.reason).sort()).toEqual(['CREDITED', 'OTHER_PLAYBACK']);
      expect(await watched()).toBe(before + 5);
    });
  });

  it('completes the film at 90% watched, the document on opening, the article after its reading time; the course completes once and its hours reach the ledger', async () => {
    advance(60);
    const { startVideo } = await api.ok(START, { lessonId: lessons.video }, cadre);
    expect(startVideo.requiredSeconds).toBe(54);
    let seq = 1;
    let last: any;
    await api.ok(BEAT, { input: { sessionId: startVideo.sessionId, lessonId: lessons.video, seq, position: 0, playbackRate: 1, visible: true, clientTime: new Date(now) } }, cadre);
    for (let position = 5; position <= 60; position += 5) {
      advance(5);
      seq += 1;
      last = (await api.ok(BEAT, { input: { sessionId: startVideo.sessionId, lessonId: lessons.video, seq, position, playbackRate: 1, visible: true, clientTime: new Date(now) } }, cadre)).recordVideoHeartbeat;
      if (last.lessonCompleted) break;
    }
    expect(last).toMatchObject({ lessonCompleted: true, courseCompleted: false });
    expect(last.progress.watchedSeconds).toBeGreaterThanOrEqual(54);

    const opened = await api.ok('mutation($id: ID!) { openLesson(lessonId: $id) { documentUrl progress { completedAt } courseCompleted } }', { id: lessons.document }, cadre);
    expect(opened.openLesson.progress.completedAt).not.toBeNull();
    expect((await get(opened.openLesson.documentUrl)).body.subarray(0, 5).toString()).toBe('%PDF-');

    await api.ok('mutation($id: ID!) { openLesson(lessonId: $id) { progress { openedAt } } }', { id: lessons.article }, cadre);
    advance(30);
    const early = await api.gql('mutation($id: ID!) { finishReading(lessonId: $id) { courseCompleted } }', { id: lessons.article }, cadre);
    expect(early.errors![0].message).toBe('Keep reading: 30 more seconds before this article counts');
    advance(30);
    const done = await api.ok('mutation($id: ID!) { finishReading(lessonId: $id) { courseCompleted } }', { id: lessons.article }, cadre);
    // the quiz lesson is optional, so the course is complete now
    expect(done.finishReading.courseCompleted).toBe(true);

    const credit = await eventually(async () => {
      const rows = await api.app.get(DataSource).query(`SELECT hours::float AS hours, source FROM class_hour_credits WHERE user_id = $1 AND source_id = $2`, [org.cadre.id, courseId]);
      return rows[0];
    }, 'the course hours in the ledger');
    expect(credit).toEqual({ hours: 1, source: 'COURSE' });

    // a revision raising the hours does not change what was earned
    await api.ok('mutation($id: ID!) { updateCourse(id: $id, input: { classHours: 3 }, note: "增加内容") { revision } }', { id: courseId }, trainer);
    const mine = await api.ok('query($id: ID!) { course(id: $id) { classHours myProgress { completedAt classHoursEarned completedRevision } } }', { id: courseId }, cadre);
    expect(mine.course).toMatchObject({ classHours: 3, myProgress: { classHoursEarned: 1, completedRevision: 1 } });
    const [ledger] = await api.app.get(DataSource).query(`SELECT hours::float AS hours FROM class_hour_credits WHERE user_id = $1 AND source_id = $2`, [org.cadre.id, courseId]);
    expect(ledger.hours).toBe(1);
  });

  describe('rejected uploads leave no file and no row', () => {
    it.each([
      ['a type that is not allowed', () => upload('videos', Buffer.from('GIF89a........'), 'image/gif'), 400, /file: must be mp4 \(video\/mp4\), webm \(video\/webm\); got image\/gif/],
      ['content that does not match the declared type', () => upload('videos', Buffer.from('this is plain text, not a film at all'), 'video/mp4'), 400, /file: is not a mp4 file/],
      ['an empty file', () => upload('documents', Buffer.alloc(0), 'application/pdf'), 400, /file: is empty/],
      ['a film over the size limit (1 MB here)', () => upload('videos', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(1_500_000, 1)]), 'video/mp4'), 413, /larger than the 1 MB/],
    ])('%s', async (_what, send, status, message) => {
      const before = await counts();
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
      expect(await counts()).toEqual(before);
    });

    it('a cadre may not upload', async () => {
      const before = await counts();
      // refused before the body is read: send a small one so the client is still listening for the answer
      const small = readFileSync(film).subarray(0, 2000);
      expect((await upload('videos', small, 'video/mp4', cadre)).status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('an upload cut off half way leaves nothing behind', async () => {
      const before = await counts();
      const boundary = 'qinglianboundary';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="film.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
      const { port } = new URL(api.url);
      await new Promise<void>((resolve) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/media/videos',
          headers: { authorization: `Bearer ${trainer}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + 900_000) },
        });
        req.on('error', () => resolve());
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.write(head);
        req.write(readFileSync(film).subarray(0, 60_000));
        setTimeout(() => req.destroy(), 300);
      });
      await eventually(async () => ((await counts()).files === before.files ? true : undefined), 'the partial file to be removed', 5_000);
      expect(await counts()).toEqual(before);
      expect(filesUnder(storage).filter((f) => f.endsWith('.part'))).toEqual([]);
    });
  });
});
