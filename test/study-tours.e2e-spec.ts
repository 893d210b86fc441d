import { eventually, OrgFixture, seedOrganisation, startTestApi, startTestWorker, TestApi } from '@qinglian/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

const CREATE = `mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id status capacity seatsLeft } }`;
const OPEN = 'mutation($id: ID!) { openStudyTour(id: $id) { status } }';
const SIGN_UP = 'mutation($tourId: ID!) { signUpForTour(tourId: $tourId) { id status waitlistPosition arrival } }';
const CANCEL = 'mutation($tourId: ID!) { cancelTourSignUp(tourId: $tourId) { status } }';
const TOUR = 'query($id: ID!) { studyTour(id: $id) { confirmedCount seatsLeft capacity status mySignUp { status waitlistPosition } } }';

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe('study tours: seats, waitlist, never overbooked', () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;
  let cadres: { id: string; token: string }[];

  const tourInput = (over: Record<string, unknown> = {}) => ({
    title: '市廉政警示教育基地参观',
    kind: 'WARNING_EDUCATION_BASE',
    destination: '青莲市廉政警示教育基地',
    meetingPoint: '市委大院东门',
    startsAt: hours(72),
    endsAt: hours(76),
    capacity: 30,
    signUpOpensAt: hours(-1),
    signUpClosesAt: hours(48),
    cancelCutoffAt: hours(24),
    classHours: 4,
    ...over,
  });
  const newTour = async (over: Record<string, unknown> = {}) => {
    const created = await api.gql(CREATE, { input: tourInput(over) }, admin);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const id = created.data.createStudyTour.id as string;
    expect((await api.gql(OPEN, { id }, admin)).data).toEqual({ openStudyTour: { status: 'OPEN' } });
    return id;
  };
  const counts = async (tourId: string) =>
    (await api.app.get(DataSource).query(
      `SELECT t.capacity, t.confirmed_count, count(s.*) FILTER (WHERE s.status = 'CONFIRMED')::int AS confirmed, count(s.*) FILTER (WHERE s.status = 'WAITLISTED')::int AS waitlisted
         FROM study_tours t LEFT JOIN tour_signups s ON s.tour_id = t.id WHERE t.id = $1 GROUP BY t.id`,
      [tourId],
    ))[0];

  beforeAll(async () => {
    api = await startTestApi('tours');
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    const csv = ['姓名,手机,单位,层级', ...Array.from({ length: 300 }, (_, i) => `学员${i},137${String(i).padStart(8, '0')},清河镇,在职`)].join('\n');
    const report = await api.gql('mutation($input: ImportCadresInput!) { importCadres(input: $input) { created rows { userId } } }', { input: { csv, initialPassword: 'Welcome2026' } }, admin);
    expect(report.data!.importCadres.created).toBe(300);
    cadres = await Promise.all(report.data!.importCadres.rows.map(async (r: { userId: string }) => ({ id: r.userId, token: await api.tokenFor(r.userId) })));
  });
  afterAll(() => api?.close());

  it('300 cadres at once for 30 seats: exactly 30 confirmed, 270 waitlisted in arrival order; 10 concurrent cancellations promote exactly 10', async () => {
    const tourId = await newTour({ capacity: 30 });
    const results = await Promise.all(cadres.map((c) => api.gql(SIGN_UP, { tourId }, c.token)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const signUps = results.map((r, i) => ({ ...r.data!.signUpForTour, cadre: cadres[i] }));
    const confirmed = signUps.filter((s) => s.status === 'CONFIRMED');
    const waitlisted = signUps.filter((s) => s.status === 'WAITLISTED');
    expect(confirmed).toHaveLength(30);
    expect(waitlisted).toHaveLength(270);
    // every confirmed cadre arrived before every waitlisted one, and the waitlist is numbered by arrival
    const lastConfirmed = Math.max(...confirmed.map((s) => s.arrival));
    expect(Math.min(...waitlisted.map((s) => s.arrival))).toBeGreaterThan(lastConfirmed);
    const byArrival = [...waitlisted].sort((a, b) => a.arrival - b.arrival);
    expect(byArrival.map((s) => s.waitlistPosition)).toEqual(Array.from({ length: 270 }, (_, i) => i + 1));
    expect(await counts(tourId)).toEqual({ capacity: 30, confirmed_count: 30, confirmed: 30, waitlisted: 270 });

    const cancelling = confirmed.slice(0, 10);
    const cancelled = await Promise.all(cancelling.map((s) => api.gql(CANCEL, { tourId }, s.cadre.token)));
    expect(cancelled.map((r) => r.data?.cancelTourSignUp.status)).toEqual(Array(10).fill('CANCELLED'));
    expect(await counts(tourId)).toEqual({ capacity: 30, confirmed_count: 30, confirmed: 30, waitlisted: 260 });
    // the ten promoted are exactly the ten earliest on the waitlist, and each got a message
    for (const s of byArrival.slice(0, 10)) {
      expect((await api.gql(TOUR, { id: tourId }, s.cadre.token)).data!.studyTour.mySignUp.status).toBe('CONFIRMED');
      const inbox = await api.gql('{ myNotifications(first: 5) { unreadCount nodes { kind title } } }', {}, s.cadre.token);
      expect(inbox.data!.myNotifications.nodes[0]).toEqual({ kind: 'TOUR_SEAT_CONFIRMED', title: '候补转正：市廉政警示教育基地参观' });
    }
    expect((await api.gql(TOUR, { id: tourId }, byArrival[10].cadre.token)).data!.studyTour.mySignUp).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
  });

  it('raising capacity promotes as many as the new seats; lowering below the confirmed count is refused', async () => {
    const tourId = await newTour({ capacity: 2 });
    for (const c of cadres.slice(0, 6)) await api.gql(SIGN_UP, { tourId }, c.token);
    const raise = await api.gql('mutation($id: ID!) { setStudyTourCapacity(id: $id, capacity: 5) { capacity } }', { id: tourId }, admin);
    expect(raise.errors).toBeUndefined();
    expect(await counts(tourId)).toEqual({ capacity: 5, confirmed_count: 5, confirmed: 5, waitlisted: 1 });
    const lower = await api.gql('mutation($id: ID!) { setStudyTourCapacity(id: $id, capacity: 3) { capacity } }', { id: tourId }, admin);
    expect(lower.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'capacity' });
    expect((await counts(tourId)).capacity).toBe(5);
  });

  it('an organiser removing an attendee promotes like a cancellation and tells the removed cadre', async () => {
    const tourId = await newTour({ capacity: 1 });
    const first = (await api.gql(SIGN_UP, { tourId }, cadres[0].token)).data!.signUpForTour;
    await api.gql(SIGN_UP, { tourId }, cadres[1].token);
    const removed = await api.gql('mutation($id: ID!) { removeTourSignUp(signUpId: $id) { status } }', { id: first.id }, admin);
    expect(removed.data).toEqual({ removeTourSignUp: { status: 'REMOVED' } });
    expect((await api.gql(TOUR, { id: tourId }, cadres[1].token)).data!.studyTour.mySignUp.status).toBe('CONFIRMED');
    const inbox = await api.gql('{ myNotifications(first: 20) { nodes { kind } } }', {}, cadres[0].token);
    expect(inbox.data!.myNotifications.nodes.map((n: { kind: string }) => n.kind)).toContain('TOUR_SIGNUP_REMOVED');
  });

  it('refuses signing up twice, outside the window, when ineligible, and for a cancelled tour, changing nothing', async () => {
    const tourId = await newTour({ capacity: 5, eligibleTiers: ['ON_JOB'] });
    await api.gql(SIGN_UP, { tourId }, cadres[2].token);
    const twice = await api.gql(SIGN_UP, { tourId }, cadres[2].token);
    expect(twice.errors![0]).toMatchObject({ message: 'You have already signed up for this tour (CONFIRMED)', extensions: { code: 'CONFLICT' } });

    const reserve = await api.login('13800000005', org.password); // a RESERVE cadre
    const ineligible = await api.gql(SIGN_UP, { tourId }, reserve);
    expect(ineligible.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'This tour is for ON_JOB cadres only' });

    const later = await newTour({ signUpOpensAt: hours(10), signUpClosesAt: hours(20) });
    expect((await api.gql(SIGN_UP, { tourId: later }, cadres[3].token)).errors![0].message).toMatch(/^Sign-up opens at /);

    await api.gql('mutation($id: ID!) { cancelStudyTour(id: $id, reason: "基地临时闭馆") { status } }', { id: tourId }, admin);
    const afterCancel = await api.gql(SIGN_UP, { tourId }, cadres[4].token);
    expect(afterCancel.errors![0]).toMatchObject({ message: 'This tour was cancelled', extensions: { code: 'CONFLICT' } });
    const inbox = await api.gql('{ myNotifications(first: 20) { nodes { kind body } } }', {}, cadres[2].token);
    expect(inbox.data!.myNotifications.nodes.find((n: { kind: string }) => n.kind === 'TOUR_CANCELLED').body).toContain('基地临时闭馆');
    expect(await counts(tourId)).toEqual({ capacity: 5, confirmed_count: 0, confirmed: 0, waitlisted: 0 });
  });

  it('refuses a cancellation after the cut-off', async () => {
    const tourId = await newTour({ capacity: 5, cancelCutoffAt: hours(-0.5) });
    await api.gql(SIGN_UP, { tourId }, cadres[5].token);
    const res = await api.gql(CANCEL, { tourId }, cadres[5].token);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/^Cancellation closed at/) });
    expect((await api.gql(TOUR, { id: tourId }, cadres[5].token)).data!.studyTour.mySignUp.status).toBe('CONFIRMED');
  });

  it('the database refuses a counter that disagrees with the confirmed sign-ups, and more confirmed than seats', async () => {
    const tourId = await newTour({ capacity: 1 });
    const db = api.app.get(DataSource);
    await expect(db.query('UPDATE study_tours SET confirmed_count = 2 WHERE id = $1', [tourId])).rejects.toThrow(/study_tours_never_overbooked/);
    await expect(db.query('UPDATE study_tours SET confirmed_count = 1 WHERE id = $1', [tourId])).rejects.toThrow(/confirmed sign-ups but counts/);
  });
});

describe('study tours: listing for cadres', () => {
  let api: TestApi;
  let org: OrgFixture;

  beforeAll(async () => {
    api = await startTestApi('tours-list');
    org = await seedOrganisation(api.app);
  });
  afterAll(() => api?.close());

  it("lists the tours a cadre may join, with the cadre's own sign-up and waitlist place (batched per request)", async () => {
    const admin = await api.login('13800000001', org.password);
    const cadre = await api.login('13800000004', org.password); // ON_JOB, in the bureau's office
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const input = {
        title: `红色教育基地 ${i}`, kind: 'REVOLUTIONARY_SITE', destination: '青莲革命纪念馆', startsAt: hours(72 + i), endsAt: hours(80 + i),
        capacity: 1, signUpOpensAt: hours(-1), signUpClosesAt: hours(48), cancelCutoffAt: hours(24), leadingOnly: i === 3,
      };
      const id = (await api.gql(CREATE, { input }, admin)).data!.createStudyTour.id;
      await api.gql(OPEN, { id }, admin);
      ids.push(id);
    }
    await api.gql(SIGN_UP, { tourId: ids[0] }, await api.login('13800000003', org.password)); // the trainer takes the only seat
    await api.gql(SIGN_UP, { tourId: ids[0] }, cadre);
    await api.gql(SIGN_UP, { tourId: ids[1] }, cadre);
    const res = await api.gql('{ studyTours(first: 10) { totalCount nodes { title seatsLeft mySignUp { status waitlistPosition } } } }', {}, cadre);
    expect(res.data!.studyTours).toEqual({
      totalCount: 3, // the leading-cadres-only tour is not offered
      nodes: [
        { title: '红色教育基地 0', seatsLeft: 0, mySignUp: { status: 'WAITLISTED', waitlistPosition: 1 } },
        { title: '红色教育基地 1', seatsLeft: 0, mySignUp: { status: 'CONFIRMED', waitlistPosition: null } },
        { title: '红色教育基地 2', seatsLeft: 1, mySignUp: null },
      ],
    });
  });
});

describe('study tours: check-in, attendance, class hours, attendee list', () => {
  let api: TestApi;
  let org: OrgFixture;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let admin: string;
  let tourId: string;
  const tokens: string[] = [];
  const signUpIds: string[] = [];
  const HOURS = 'query($year: Int!) { myClassHours(year: $year) { total credits { source title hours } } }';
  const CHECK_IN = 'mutation($tourId: ID!, $signUpId: ID, $code: String) { checkInForTour(tourId: $tourId, signUpId: $signUpId, code: $code) { status checkedInAt } }';
  const shanghaiYear = (d: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));

  beforeAll(async () => {
    api = await startTestApi('tours-attendance');
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    const input = {
      title: '廉政教育基地现场教学', kind: 'WARNING_EDUCATION_BASE', destination: '青莲市廉政教育基地', meetingPoint: '市委东门',
      startsAt: hours(1), endsAt: hours(3), capacity: 2, signUpOpensAt: hours(-1), signUpClosesAt: hours(0.5), cancelCutoffAt: hours(0.5), classHours: 4,
    };
    tourId = (await api.gql(CREATE, { input }, admin)).data!.createStudyTour.id;
    await api.gql(OPEN, { id: tourId }, admin);
    for (const phone of ['13800000004', '13800000003', '13800000005']) {
      const token = await api.login(phone, org.password);
      tokens.push(token);
      signUpIds.push((await api.gql(SIGN_UP, { tourId }, token)).data!.signUpForTour.id);
    }
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('checks a confirmed cadre in with the code on their phone, once', async () => {
    const code = (await api.gql('query($tourId: ID!) { myTourCheckInCode(tourId: $tourId) { code expiresAt } }', { tourId }, tokens[0])).data!.myTourCheckInCode;
    expect(code.code).toMatch(/^\d{6}$/);
    expect(new Date(code.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const wrong = await api.gql(CHECK_IN, { tourId, code: code.code === '000000' ? '111111' : '000000' }, admin);
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'code' }] });
    const ok = await api.gql(CHECK_IN, { tourId, code: code.code }, admin);
    expect(ok.data!.checkInForTour.checkedInAt).not.toBeNull();
    const again = await api.gql(CHECK_IN, { tourId, code: code.code }, admin);
    expect(again.errors![0].extensions!.code).toMatch(/BAD_USER_INPUT|CONFLICT/);
    const byList = await api.gql(CHECK_IN, { tourId, signUpId: signUpIds[0] }, admin);
    expect(byList.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/^Already checked in/) });
  });

  it('refuses to check in a waitlisted cadre, and gives them no code', async () => {
    const res = await api.gql(CHECK_IN, { tourId, signUpId: signUpIds[2] }, admin);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'This cadre is waitlisted, not confirmed: only confirmed cadres can check in' });
    const code = await api.gql('query($tourId: ID!) { myTourCheckInCode(tourId: $tourId) { code } }', { tourId }, tokens[2]);
    expect(code.errors![0].extensions!.code).toBe('CONFLICT');
    const list = await api.gql('query($tourId: ID!) { tourSignUps(tourId: $tourId) { nodes { status checkedInAt } } }', { tourId }, admin);
    expect(list.data!.tourSignUps.nodes.filter((n: { checkedInAt: string | null }) => n.checkedInAt)).toHaveLength(1);
  });

  it('exports the attendee list as UTF-8 CSV with a BOM, for organisers only', async () => {
    const server = api.app.getHttpServer();
    const res = await request(server).get(`/exports/study-tours/${tourId}/attendees.csv`).set('authorization', `Bearer ${admin}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('廉政教育基地现场教学-名单.csv')}`);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('序号,姓名,手机,单位,报名状态,出勤,签到时间,报名时间');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5))).toEqual([
      ['1', '李干部', '13800000004', '第一监督检查室', '正式'],
      ['2', '王培训', '13800000003', '市纪委监委', '正式'],
      ['3', '张干部', '13800000005', '清河镇', '候补'],
    ]);
    expect(lines[1].split(',')[6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/); // checked in
    expect((await request(server).get(`/exports/study-tours/${tourId}/attendees.csv`).set('authorization', `Bearer ${tokens[2]}`)).status).toBe(403);
    expect((await request(server).get(`/exports/study-tours/${tourId}/attendees.csv`)).status).toBe(401);
  });

  it('after the tour, checked-in cadres ATTENDED earn the class hours through the completion queue; others NO_SHOW', async () => {
    const early = await api.gql('mutation($id: ID!) { completeStudyTour(id: $id) { status } }', { id: tourId }, admin);
    expect(early.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringMatching(/^Attendance is recorded after the tour ends/) });

    // the tour takes place: move its dates into the past
    await api.app.get(DataSource).query(
      `UPDATE study_tours SET signup_opens_at = now() - interval '6 hours', signup_closes_at = now() - interval '5 hours',
              cancel_cutoff_at = now() - interval '5 hours', starts_at = now() - interval '4 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [tourId],
    );
    expect((await api.gql('mutation($id: ID!) { completeStudyTour(id: $id) { status } }', { id: tourId }, admin)).data).toEqual({ completeStudyTour: { status: 'DONE' } });
    const list = await api.gql('query($tourId: ID!) { tourSignUps(tourId: $tourId) { nodes { status attendance } } }', { tourId }, admin);
    expect(list.data!.tourSignUps.nodes).toEqual([
      { status: 'CONFIRMED', attendance: 'ATTENDED' },
      { status: 'CONFIRMED', attendance: 'NO_SHOW' },
      { status: 'WAITLISTED', attendance: null },
    ]);

    const year = shanghaiYear(new Date(Date.now() - 4 * 3600_000));
    const earned = await eventually(async () => {
      const res = await api.gql(HOURS, { year }, tokens[0]);
      return res.data!.myClassHours.total > 0 ? res.data!.myClassHours : undefined;
    }, 'class hours of the attendee');
    expect(earned).toEqual({ total: 4, credits: [{ source: 'TOUR', title: '廉政教育基地现场教学', hours: 4 }] });
    expect((await api.gql(HOURS, { year }, tokens[1])).data!.myClassHours.total).toBe(0);
  });

  it('a correction moves the hours: the absentee who attended gains them, the other loses them', async () => {
    const year = shanghaiYear(new Date(Date.now() - 4 * 3600_000));
    const SET = 'mutation($id: ID!, $attended: Boolean!) { setTourAttendance(signUpId: $id, attended: $attended) { attendance } }';
    expect((await api.gql(SET, { id: signUpIds[1], attended: true }, admin)).data).toEqual({ setTourAttendance: { attendance: 'ATTENDED' } });
    expect((await api.gql(SET, { id: signUpIds[0], attended: false }, admin)).data).toEqual({ setTourAttendance: { attendance: 'NO_SHOW' } });
    await eventually(async () => ((await api.gql(HOURS, { year }, tokens[1])).data!.myClassHours.total === 4 ? true : undefined), 'hours of the corrected attendee');
    await eventually(async () => ((await api.gql(HOURS, { year }, tokens[0])).data!.myClassHours.total === 0 ? true : undefined), 'hours removed');
    const waitlisted = await api.gql(SET, { id: signUpIds[2], attended: true }, admin);
    expect(waitlisted.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: 'This cadre was waitlisted, not confirmed' });
  });
});

describe('study tours: audit trail', () => {
  let api: TestApi;
  let org: OrgFixture;
  beforeAll(async () => {
    api = await startTestApi('tours-audit');
    org = await seedOrganisation(api.app);
  });
  afterAll(() => api?.close());

  it("files organisers' tour actions under the organising unit, so other administrators above it see them", async () => {
    const bureauAdmin = await api.login('13800000002', org.password);
    const input = { title: '党风廉政建设现场会', kind: 'OTHER', destination: '青莲', startsAt: hours(72), endsAt: hours(76), capacity: 5, signUpOpensAt: hours(-1), signUpClosesAt: hours(48), cancelCutoffAt: hours(24) };
    const id = (await api.gql(CREATE, { input }, bureauAdmin)).data!.createStudyTour.id;
    await api.gql(OPEN, { id }, bureauAdmin);
    await api.gql('mutation($id: ID!) { cancelStudyTour(id: $id, reason: "改期") { status } }', { id }, bureauAdmin);
    const rootAdmin = await api.login('13800000001', org.password);
    const log = await api.gql('query($id: ID!) { auditLog(entityType: "StudyTour", entityId: $id, first: 10) { nodes { action actorName } } }', { id }, rootAdmin);
    expect(log.data!.auditLog.nodes.map((n: { action: string }) => n.action)).toEqual(['tour.cancel', 'tour.open', 'tour.create']);
    expect(log.data!.auditLog.nodes[0].actorName).toBe('纪委管理员');
  });
});
