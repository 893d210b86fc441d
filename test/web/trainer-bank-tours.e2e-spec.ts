import { eventually, launchBrowser, OrgFixture, seedOrganisation, startTestApi, TestApi, TestBrowser, WEB_DIST } from '@qinglian/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';

const DESKTOP = { width: 1366, height: 900 };

/**
 * The trainer studio's question bank, contests and study tours in a real
 * browser at desktop width: a CSV import with one bad row, a contest whose
 * draw rule the bank cannot satisfy, and a check-in with the code from the
 * cadre's phone. Outcomes are checked through the API.
 */
describe('web app: the trainer studio: question bank, contests, study tours (desktop)', () => {
  let api: TestApi;
  let org: OrgFixture;
  let browser: TestBrowser;
  let dir: string;
  let trainer: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qinglian-web-studio-bank-'));
    api = await startTestApi('web-studio-bank', { WEB_DIST_PATH: WEB_DIST });
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (page: Page, path = '/studio') => {
    await page.goto(`${api.url}${path}`);
    await page.getByLabel('手机号或电子邮箱').fill('13800000003');
    await page.getByLabel('密码').fill(org.password);
    await page.getByRole('button', { name: '登 录' }).click();
  };
  /** Picks an option of an antd Select (its visible list, not the hidden accessibility copy). */
  const choose = async (page: Page, select: ReturnType<Page['getByLabel']>, option: string) => {
    await select.click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  };

  it('imports questions from a CSV file with one bad row: the good rows are kept and the bad one reported by line; then writes one by hand', async () => {
    const count = async () => (await api.ok<{ questions: { totalCount: number } }>('{ questions { totalCount } }', {}, trainer)).questions.totalCount;
    const before = await count();
    const csv = path.join(dir, 'questions.csv');
    writeFileSync(
      csv,
      [
        '题型,题干,选项A,选项B,选项C,选项D,答案,解析,科目,难度,标签,出处',
        '单选,下列行为中违反廉洁纪律的是？,按规定参加公务接待,收受管理服务对象的礼金,参加集体学习,开展调查研究,B,收受礼金违反廉洁纪律。,党纪,2,廉洁纪律,《中国共产党纪律处分条例》',
        '判断,党员领导干部可以违规在企业兼职取酬。,,,,,错,违规兼职取酬违反廉洁纪律。,党纪,1,廉洁纪律,',
        '单选,党的纪律处分有几种？,三种,四种,五种,六种,E,,党纪,9,,',
      ].join('\r\n'),
    );

    const page = await browser.newPage(DESKTOP);
    await signIn(page, '/studio/questions');
    await page.getByRole('heading', { name: '题库管理' }).waitFor();
    await page.getByText('题库中还没有试题，可新建或批量导入').waitFor();
    await page.getByRole('button', { name: '批量导入' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('import-file-input').setInputFiles(csv);
    await drawer.getByText('已读取 questions.csv').waitFor();
    await drawer.getByRole('button', { name: '开始导入' }).click();
    const report = drawer.getByTestId('import-report');
    await report.getByText('成功导入 2 题，1 行有误').waitFor();
    const bad = report.locator('tr', { hasText: '第 4 行' });
    await bad.getByText('E 不是选项 A、B、C、D 之一').waitFor();
    await bad.getByText('须为 1 至 5 的整数').waitFor();
    expect(await report.locator('tbody tr').count()).toBe(1);
    await browser.screenshot(page, 'trainer-question-import');
    expect(await count()).toBe(before + 2);

    // the list shows the two kept rows
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('pager').getByText(`共 ${before + 2} 条`).waitFor();
    await page.getByText('下列行为中违反廉洁纪律的是？').waitFor();

    // a true/false question by hand: the form checks before sending
    await page.getByRole('button', { name: '新建试题' }).click();
    const form = page.getByRole('dialog');
    await form.getByText('判断题', { exact: true }).click();
    await form.getByRole('button', { name: '保存试题' }).click();
    await form.getByText('请输入题干').waitFor();
    await form.getByText('请选择正确或错误').waitFor();
    await form.getByLabel('题干').fill('党员干部可以借婚丧喜庆事宜收钱敛财。');
    await form.getByText('错误', { exact: true }).click();
    await choose(page, form.getByLabel('科目'), '党风建设');
    await form.getByRole('button', { name: '保存试题' }).click();
    await page.getByText('党员干部可以借婚丧喜庆事宜收钱敛财。').waitFor();
    const { questions } = await api.ok<{ questions: { nodes: { kind: string; answer: string[]; subject: string; difficulty: number }[] } }>(
      'query($k: String) { questions(keyword: $k) { nodes { kind answer subject difficulty } } }',
      { k: '婚丧喜庆' },
      trainer,
    );
    expect(questions.nodes).toEqual([{ kind: 'TRUE_FALSE', answer: ['FALSE'], subject: 'PARTY_STYLE', difficulty: 2 }]);
    expect(browser.errors).toEqual([]);
  }, 60_000);


  it('a contest with an unsatisfiable draw rule is refused with the reason, fixed and published; its rankings show who took part', async () => {
    const question = async (stem: string, truth: string) =>
      (await api.ok<{ createQuestion: { id: string } }>('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { kind: 'TRUE_FALSE', stem, answer: [truth], subject: 'LAWS_AND_REGULATIONS', difficulty: 2, tags: ['监察法'] } }, trainer)).createQuestion.id;
    await question('监察机关对所有行使公权力的公职人员进行监察。', '对');
    await question('监察机关可以不经批准采取留置措施。', '错');
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const { createQuiz } = await api.ok<{ createQuiz: { id: string } }>(
      'mutation($i: QuizInput!) { createQuiz(input: $i) { id } }',
      { i: { title: '监察法知识竞赛', mode: 'DRAW', drawRules: [{ count: 1, kind: 'TRUE_FALSE' }], passMark: 50, contest: true, opensAt: hours(-1), closesAt: hours(2), timeLimitSeconds: 600 } },
      trainer,
    );
    const quizId = createQuiz.id;

    const page = await browser.newPage(DESKTOP);
    await signIn(page, '/studio/quizzes');

    // a new drawn quiz from the page starts with one rule
    await page.getByRole('button', { name: '新建测验' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('名称').fill('监察法随堂测验');
    await drawer.getByText('随机抽题', { exact: true }).click();
    await drawer.getByLabel('每次抽取题数').fill('3');
    await drawer.getByRole('button', { name: '创建（草稿）' }).click();
    await page.waitForURL(/\/studio\/quizzes\/[0-9a-f-]{36}$/);
    await page.getByText('每次共 3 题，满分 3 分').waitFor();
    const drawnId = new URL(page.url()).pathname.split('/').pop()!;
    const drawn = await api.ok<{ quiz: { mode: string; status: string; drawRules: { count: number }[] } }>('query($id: ID!) { quiz(id: $id) { mode status drawRules { count } } }', { id: drawnId }, trainer);
    expect(drawn.quiz).toEqual({ mode: 'DRAW', status: 'DRAFT', drawRules: [{ count: 3 }] });

    await page.getByRole('link', { name: '返回测验列表' }).click();
    await page.getByRole('link', { name: '监察法知识竞赛' }).click();
    await page.waitForURL(`${api.url}/studio/quizzes/${quizId}`);
    await page.getByTestId('quiz-status').getByText('知识竞赛').waitFor();

    // ask for more laws-and-regulations questions than the bank holds
    const count = page.getByLabel('抽取数量');
    await count.fill('5');
    await choose(page, page.getByLabel('科目'), '法律法规');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('抽题规则已保存').waitFor();
    await page.getByRole('button', { name: 'send 发布' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发 布' }).click();
    await page.getByTestId('quiz-problem').getByText('第 1 条抽题规则需要 5 道题，但题库中符合条件的只有 2 道').waitFor();
    await browser.screenshot(page, 'trainer-quiz-publish-refused');

    await count.fill('2');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('每次共 2 题，满分 2 分').waitFor();
    await eventually(async () => {
      const { quiz } = await api.ok<{ quiz: { drawRules: { count: number; subject: string }[] } }>('query($id: ID!) { quiz(id: $id) { drawRules { count subject } } }', { id: quizId }, trainer);
      return quiz.drawRules[0]?.count === 2 ? true : undefined;
    }, 'the rule to be saved', 5_000);
    await page.getByRole('button', { name: 'send 发布' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '发 布' }).click();
    await page.getByTestId('quiz-status').getByText('已发布').waitFor();
    const { quiz } = await api.ok<{ quiz: { status: string; drawRules: { count: number; subject: string; kind: string }[] } }>('query($id: ID!) { quiz(id: $id) { status drawRules { count subject kind } } }', { id: quizId }, trainer);
    expect(quiz).toEqual({ status: 'PUBLISHED', drawRules: [{ count: 2, subject: 'LAWS_AND_REGULATIONS', kind: 'TRUE_FALSE' }] });

    // a cadre takes part (through the API); the organiser's rankings show them
    const cadre = await api.login('13800000004', org.password);
    const { startQuizAttempt } = await api.ok<{ startQuizAttempt: { id: string; items: { position: number }[] } }>('mutation($q: ID!) { startQuizAttempt(quizId: $q) { id items { position } } }', { q: quizId }, cadre);
    await api.ok('mutation($a: ID!, $x: [PositionedAnswerInput!]!) { saveQuizAnswers(attemptId: $a, answers: $x) }', { a: startQuizAttempt.id, x: startQuizAttempt.items.map((i) => ({ position: i.position, answer: { truth: true } })) }, cadre);
    const { submitQuizAttempt } = await api.ok<{ submitQuizAttempt: { percent: number } }>('mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { percent } }', { a: startQuizAttempt.id }, cadre);
    await page.getByRole('tab', { name: '竞赛排名' }).click();
    const person = page.locator('tr', { hasText: '李干部' });
    await person.getByText('第一监督检查室').waitFor();
    await person.getByText(`${submitQuizAttempt.percent}%`).waitFor();
    await page.getByText('进行中').waitFor();
    await page.getByText('单位排名').click();
    await page.locator('tr', { hasText: '1 / ' }).first().waitFor();
    await browser.screenshot(page, 'trainer-contest-rankings');
    expect(browser.errors).toEqual([]);
  }, 60_000);


  it('scores a short answer waiting for review; the attempt is then graded', async () => {
    const { createQuestion } = await api.ok<{ createQuestion: { id: string } }>(
      'mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }',
      { i: { kind: 'SHORT_ANSWER', stem: '简述领导干部如何抓好家风建设。', answer: ['严管亲属子女，廉洁齐家。'], subject: 'FAMILY_VIRTUE', difficulty: 3 } },
      trainer,
    );
    const { createQuiz } = await api.ok<{ createQuiz: { id: string } }>('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '家风建设心得测验', mode: 'FIXED', questionIds: [createQuestion.id], passMark: 60 } }, trainer);
    const quizId = createQuiz.id;
    await api.ok('mutation($id: ID!) { publishQuiz(id: $id) { status } }', { id: quizId }, trainer);
    const cadre = await api.login('13800000004', org.password);
    const { startQuizAttempt } = await api.ok<{ startQuizAttempt: { id: string } }>('mutation($q: ID!) { startQuizAttempt(quizId: $q) { id } }', { q: quizId }, cadre);
    await api.ok('mutation($a: ID!) { saveQuizAnswer(attemptId: $a, position: 1, answer: { text: "管好配偶子女，不搞特权。" }) { position } }', { a: startQuizAttempt.id }, cadre);
    const submitted = await api.ok<{ submitQuizAttempt: { status: string } }>('mutation($a: ID!) { submitQuizAttempt(attemptId: $a) { status } }', { a: startQuizAttempt.id }, cadre);
    expect(submitted.submitQuizAttempt.status).toBe('PENDING_REVIEW');

    const page = await browser.newPage(DESKTOP);
    await signIn(page, `/studio/quizzes/${quizId}`);
    await page.getByRole('tab', { name: '简答评分' }).click();
    await page.getByText('管好配偶子女，不搞特权。').waitFor();
    await page.getByText('参考答案：严管亲属子女，廉洁齐家。').waitFor();
    await page.getByLabel('得分（满分 1）').fill('1');
    await page.getByLabel('评语').fill('要点齐全');
    await page.getByRole('button', { name: '评 分' }).click();
    await page.getByText('没有待评分的简答题').waitFor();
    const { quizAttempt } = await api.ok<{ quizAttempt: { status: string; percent: number; passed: boolean } }>('query($id: ID!) { quizAttempt(id: $id) { status percent passed } }', { id: startQuizAttempt.id }, cadre);
    expect(quizAttempt).toEqual({ status: 'GRADED', percent: 100, passed: true });
    expect(browser.errors).toEqual([]);
  }, 60_000);

  it('checks a cadre in to a study tour with the code from the cadre\'s phone, and exports the attendee list', async () => {
    const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
    const { createStudyTour } = await api.ok<{ createStudyTour: { id: string } }>(
      'mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }',
      {
        input: {
          title: '市廉政警示教育基地参观',
          kind: 'WARNING_EDUCATION_BASE',
          destination: '青莲市廉政警示教育基地',
          meetingPoint: '市纪委监委大楼东门',
          startsAt: hours(1),
          endsAt: hours(4),
          capacity: 30,
          signUpOpensAt: hours(-1),
          signUpClosesAt: hours(0.5),
          cancelCutoffAt: hours(0.5),
          classHours: 3,
        },
      },
      trainer,
    );
    const tourId = createStudyTour.id;
    await api.ok('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id: tourId }, trainer);
    const cadre = await api.login('13800000004', org.password);
    await api.ok('mutation($tourId: ID!) { signUpForTour(tourId: $tourId) { status } }', { tourId }, cadre);

    const page = await browser.newPage(DESKTOP);
    await signIn(page, '/studio/tours');
    await page.getByRole('link', { name: '市廉政警示教育基地参观' }).click();
    await page.waitForURL(`${api.url}/studio/tours/${tourId}`);
    await page.getByTestId('tour-status').getByText('报名中').waitFor();
    await page.getByTestId('tour-seats').getByText('已确认 1 / 共 30（剩余 29）').waitFor();
    const row = page.locator('tr', { hasText: '李干部' });
    await row.getByText('第一监督检查室').waitFor();
    await row.getByText('已确认').waitFor();

    // a code that matches nobody is refused next to the field
    const code = page.getByLabel('签到码');
    await code.fill('12345');
    await page.getByRole('button', { name: '签 到', exact: true }).click();
    await page.getByText('签到码为六位数字').waitFor();
    const { myTourCheckInCode } = await api.ok<{ myTourCheckInCode: { code: string } }>('query($tourId: ID!) { myTourCheckInCode(tourId: $tourId) { code } }', { tourId }, cadre);
    const wrong = myTourCheckInCode.code === '000000' ? '111111' : '000000';
    await code.fill(wrong);
    await page.getByRole('button', { name: '签 到', exact: true }).click();
    await page.getByText(/未匹配到本次考察学习获得正式名额的干部/).waitFor();

    // the code on the cadre's phone checks them in
    const fresh = await api.ok<{ myTourCheckInCode: { code: string } }>('query($tourId: ID!) { myTourCheckInCode(tourId: $tourId) { code } }', { tourId }, cadre);
    await code.fill(fresh.myTourCheckInCode.code);
    await page.getByRole('button', { name: '签 到', exact: true }).click();
    await page.getByTestId('checkin-result').getByText(/已为 李干部（第一监督检查室）签到/).waitFor();
    const { tourSignUps } = await api.ok<{ tourSignUps: { nodes: { checkedInAt: string | null; person: { name: string } }[] } }>(
      'query($tourId: ID!) { tourSignUps(tourId: $tourId) { nodes { checkedInAt person { name } } } }',
      { tourId },
      trainer,
    );
    expect(tourSignUps.nodes).toEqual([{ checkedInAt: expect.any(String), person: { name: '李干部' } }]);
    await row.getByRole('button', { name: '为李干部签到' }).waitFor({ state: 'detached' });
    await browser.screenshot(page, 'trainer-tour-checkin');

    // the attendee list downloads with the session's token
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出名单（CSV）' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    expect((await download).suggestedFilename()).toBe('市廉政警示教育基地参观-名单.csv');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('李干部');
    expect(csv.split('\r\n')[1]).toMatch(/^1,李干部,13800000004,第一监督检查室,正式,,\d{4}-\d\d-\d\d \d\d:\d\d,/);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
