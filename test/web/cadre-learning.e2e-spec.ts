import { INestApplicationContext } from '@nestjs/common';
import { eventually, launchBrowser, makeTestVideo, OrgFixture, PHONE, seedOrganisation, startTestApi, startTestWorker, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';

// The callbacks below run in the browser; the server's tsconfig has no DOM library, so the few browser types they use are declared here.
interface HTMLVideoElement {
  muted: boolean;
  currentTime: number;
  readonly readyState: number;
  play(): Promise<void>;
  pause(): void;
  canPlayType(type: string): string;
}
declare const document: {
  createElement(tag: 'video'): HTMLVideoElement;
  querySelector(selector: string): (Partial<HTMLVideoElement> & { textContent: string | null }) | null;
};

/**
 * A cadre on a phone studies a required course with a real film (heartbeats
 * from the browser's <video>, credit checked through the API), then takes a
 * quiz, submits it and sees the result and the review.
 */
describe('web app: courses, the film player and quiz taking (phone)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let org: OrgFixture;
  let browser: TestBrowser;
  let dir: string;
  let trainer: string;
  let cadre: string;
  let courseId: string;
  let videoLessonId: string;
  let quizId: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qinglian-web-learning-'));
    const film = makeTestVideo(dir, 30);
    api = await startTestApi('web-learning', { WEB_DIST_PATH: WEB_DIST, STORAGE_PATH: path.join(dir, 'storage'), MEDIA_URL_TTL_SECONDS: '600' });
    worker = await startTestWorker(api.env);
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    cadre = await api.login('13800000004', org.password);

    // a film, processed by the worker (ffprobe reads its duration)
    const upload = await request(api.app.getHttpServer()).post('/media/videos').set('authorization', `Bearer ${trainer}`).attach('file', film, { filename: 'film.mp4', contentType: 'video/mp4' });
    expect(upload.status).toBe(201);
    await eventually(async () => {
      const { mediaAsset } = await api.ok('query($id: ID!) { mediaAsset(id: $id) { status } }', { id: upload.body.id }, trainer);
      return mediaAsset.status === 'READY' ? mediaAsset : undefined;
    }, 'the film to be processed', 30_000);

    // a quiz: a true/false and a single-choice question, answers shown after submitting
    const question = async (i: Record<string, unknown>) => (await api.ok('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { subject: 'PARTY_DISCIPLINE', difficulty: 1, ...i } }, trainer)).createQuestion.id;
    const questions = [
      await question({ kind: 'TRUE_FALSE', stem: '党员干部可以收受管理服务对象的礼金。', answer: ['错'], explanation: '违反廉洁纪律。' }),
      await question({ kind: 'SINGLE_CHOICE', stem: '党纪处分的种类不包括？', options: ['警告', '严重警告', '罚款', '留党察看'], answer: ['C'], explanation: '罚款不是党纪处分。' }),
    ];
    const quiz = await api.ok('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '廉洁纪律随堂测验', mode: 'FIXED', questionIds: questions, passMark: 60, timeLimitSeconds: 600, reviewPolicy: 'AFTER_SUBMIT', classHours: 0.5 } }, trainer);
    quizId = quiz.createQuiz.id;
    await api.ok('mutation($id: ID!) { publishQuiz(id: $id) { status } }', { id: quizId }, trainer);

    // a course required of on-job cadres: the film, then the quiz
    const course = await api.ok('mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }', { input: { title: '警示教育片《蜕变》', summary: '以案为鉴，警钟长鸣。', subject: 'WARNING_CASES', classHours: 1, requiredTiers: ['ON_JOB'] } }, trainer);
    courseId = course.createCourse.id;
    const lesson = 'mutation($courseId: ID!, $input: LessonInput!) { addLesson(courseId: $courseId, input: $input) { id } }';
    videoLessonId = (await api.ok(lesson, { courseId, input: { kind: 'VIDEO', title: '观看警示教育片', mediaId: upload.body.id } }, trainer)).addLesson.id;
    await api.ok(lesson, { courseId, input: { kind: 'QUIZ', title: '观后测验', quizId } }, trainer);
    await api.ok('mutation($id: ID!) { publishCourse(id: $id) { status } }', { id: courseId }, trainer);

    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (page: Page) => {
    await page.goto(`${api.url}/study/courses`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000004');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
  };
  const watchedSeconds = async () => {
    const { course } = await api.ok('query($id: ID!) { course(id: $id) { lessons { id myProgress { watchedSeconds } } } }', { id: courseId }, cadre);
    return (course.lessons.find((l: { id: string }) => l.id === videoLessonId)?.myProgress?.watchedSeconds ?? 0) as number;
  };

  it('finds the required course, plays the film and is credited the time watched; the scrubber cannot pass the furthest point', async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page);
    await page.waitForURL(`${api.url}/study/courses`);
    await page.getByRole('tab', { name: '必修课程' }).waitFor();
    await page.getByRole('link', { name: '警示教育片《蜕变》', exact: true }).waitFor();
    await page.getByText('共 1 门').waitFor();
    await browser.screenshot(page, 'cadre-courses-phone');

    // a search that matches nothing, then back
    await page.getByLabel('关键词').fill('八项规定');
    await page.getByLabel('关键词').press('Enter');
    await page.getByText('没有找到与“八项规定”相关的课程').waitFor();
    await page.getByLabel('关键词').fill('蜕变');
    await page.getByLabel('关键词').press('Enter');
    await page.getByRole('link', { name: '警示教育片《蜕变》', exact: true }).click();

    await page.waitForURL(`${api.url}/study/courses/${courseId}`);
    await page.getByText('1. 观看警示教育片').click();
    const video = page.getByTestId('lesson-video');
    await video.waitFor();
    const canPlay = await page.evaluate(() => document.createElement('video').canPlayType('video/mp4; codecs="avc1.64000d"'));
    expect(canPlay).not.toBe('');
    await page.waitForFunction(() => (document.querySelector('[data-testid="lesson-video"]') as HTMLVideoElement | null)?.readyState! >= 1);

    // headless: play muted (autoplay rules), as a cadre pressing play would
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    // heartbeats every 5 s: the second one is credited
    await page.getByTestId('credit-reason').getByText('正在计时').waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="credited-time"]')?.textContent?.includes('0:00 /'), undefined, { timeout: 15_000 });
    const credited = await eventually(async () => ((await watchedSeconds()) >= 4 ? watchedSeconds() : undefined), 'credit for the film', 10_000);
    expect(credited).toBeGreaterThanOrEqual(4);
    expect(credited).toBeLessThanOrEqual(30);
    await browser.screenshot(page, 'cadre-course-video-phone');

    // dragging the scrubber past what was watched puts it back
    const at = await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 28;
      return v.currentTime;
    });
    expect(at).toBe(28);
    await page.getByText(/不能跳过未观看的部分/).waitFor();
    const after = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
    expect(after).toBeLessThan(20);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    // the pause sends a last heartbeat; nothing earned by the jump
    await new Promise((r) => setTimeout(r, 500));
    expect(await watchedSeconds()).toBeLessThan(25);
    // the lesson list shows the watched time after the pause
    await page.getByTestId('lesson-1').getByText('已开始').waitFor();
    await page.getByTestId('lesson-1').getByText(/已观看 0:(0[4-9]|1\d) \/ 0:30/).waitFor();
    await browser.screenshot(page, 'cadre-course-video-seek-phone');
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('takes the quiz one question per screen with autosave, submits after confirming, and sees the result and the review', async () => {
    const page = await browser.newPage(PHONE);
    await signIn(page);
    await page.waitForURL(`${api.url}/study/courses`);
    await page.goto(`${api.url}/study/quizzes`);
    await page.getByRole('link', { name: '廉洁纪律随堂测验', exact: true }).click();
    await page.getByText('答题须知').waitFor();
    await page.getByText('交卷后可查看答案与解析').waitFor();
    await page.getByRole('button', { name: '开始答题' }).click();

    await page.getByTestId('countdown').getByText(/剩余时间 (10:00|9:\d\d)/).waitFor();
    await page.getByText('党员干部可以收受管理服务对象的礼金。').waitFor();
    await page.getByRole('radio', { name: '错误' }).check();
    await page.getByTestId('save-state').getByText('已自动保存').waitFor();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByText('党纪处分的种类不包括？').waitFor();
    await page.getByRole('radio', { name: /罚款/ }).check();
    await page.getByText('已答 2 / 2').waitFor();
    await page.getByTestId('save-state').getByText('已自动保存').waitFor();
    await browser.screenshot(page, 'cadre-quiz-taking-phone');

    // all questions on one page keep the answers
    await page.getByText('整页作答').click();
    await page.getByTestId('question-1').waitFor();
    await page.getByTestId('question-2').waitFor();
    expect(await page.getByRole('radio', { name: '错误' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: '交 卷', exact: true }).click();
    await page.getByRole('dialog').getByText('交卷后不能再修改答案。').waitFor();
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.getByTestId('quiz-result').getByText('恭喜，测验通过！').waitFor();
    await page.getByTestId('quiz-score').getByText(/100 分/).waitFor();
    await page.getByText('答案与解析').waitFor();
    await page.getByText('解析：罚款不是党纪处分。').waitFor();
    await browser.screenshot(page, 'cadre-quiz-result-phone');

    const { quiz } = await api.ok('query($id: ID!) { quiz(id: $id) { myAttempts { status passed percent } } }', { id: quizId }, cadre);
    expect(quiz.myAttempts).toEqual([{ status: 'GRADED', passed: true, percent: 100 }]);

    // back on the course page, the quiz lesson completes once the worker has credited the pass
    await page.goto(`${api.url}/study/courses/${courseId}`);
    await eventually(async () => {
      await page.reload();
      await page.getByTestId('lesson-2').waitFor();
      return (await page.getByTestId('lesson-2').getByText('已完成').isVisible()) ? true : undefined;
    }, 'the quiz lesson to complete', 15_000);
    await browser.screenshot(page, 'cadre-course-after-quiz-phone');
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('passes the integrity exam, cannot sign the commitment letter without confirming, then signs it once', async () => {
    const admin = await api.login('13800000001', org.password);
    const letter = '本人郑重承诺：严守政治纪律和政治规矩，严格执行中央八项规定精神，不收受礼品礼金，不违规操办婚丧喜庆事宜。';
    await api.ok('mutation($body: String!) { setCommitmentLetter(body: $body) { id } }', { body: letter }, admin);
    const { createQuestion } = await api.ok('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { subject: 'PARTY_DISCIPLINE', difficulty: 1, kind: 'TRUE_FALSE', stem: '领导干部应当如实报告个人有关事项。', answer: ['对'] } }, trainer);
    const exam = await api.ok('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '年度廉政考试', mode: 'FIXED', questionIds: [createQuestion.id], passMark: 60, integrityExam: true, reviewPolicy: 'AFTER_SUBMIT' } }, trainer);
    await api.ok('mutation($id: ID!) { publishQuiz(id: $id) { status } }', { id: exam.createQuiz.id }, trainer);

    const page = await browser.newPage(PHONE);
    await signIn(page);
    await page.waitForURL(`${api.url}/study/courses`);
    await page.goto(`${api.url}/study/quizzes`);
    await page.getByRole('link', { name: '年度廉政考试', exact: true }).click();
    await page.getByRole('button', { name: '开始答题' }).click();
    await page.getByRole('radio', { name: '正确' }).check();
    await page.getByTestId('save-state').getByText('已自动保存').waitFor();
    await page.getByRole('button', { name: '交 卷', exact: true }).click();
    await page.getByRole('button', { name: '确认交卷' }).click();
    await page.getByTestId('quiz-result').getByText('恭喜，测验通过！').waitFor();

    // the letter of the cadre's unit, to be read and confirmed before signing
    const card = page.getByTestId('commitment-letter');
    await card.getByTestId('commitment-body').getByText(letter).waitFor();
    await card.getByRole('button', { name: '签署承诺书' }).click();
    await card.getByText('请先勾选确认已阅读承诺内容').waitFor();
    const before = await api.ok<{ integrityRecord: { signatures: unknown[] } }>('{ integrityRecord { signatures { id } } }', {}, cadre);
    expect(before.integrityRecord.signatures).toEqual([]);
    await card.getByRole('checkbox', { name: '本人已认真阅读，郑重承诺遵守以上内容' }).check();
    await card.getByRole('button', { name: '签署承诺书' }).click();
    await card.getByTestId('commitment-signed-at').getByText(/^已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 签署$/).waitFor();
    await browser.screenshot(page, 'cadre-commitment-signed-phone');

    const after = await api.ok<{ integrityRecord: { signatures: { body: string }[] } }>('{ integrityRecord { signatures { body } } }', {}, cadre);
    expect(after.integrityRecord.signatures).toEqual([{ body: letter }]);
    // signed once: a reload shows the signed letter, with no way to sign again
    await page.reload();
    await page.getByTestId('commitment-signed-at').waitFor();
    expect(await page.getByRole('button', { name: '签署承诺书' }).count()).toBe(0);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
