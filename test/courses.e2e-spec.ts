import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const COURSE_FIELDS = 'id title status revision classHours requirement dueAt lessons { id position kind title optional body } author { name } unit { name }';
const CREATE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { ${COURSE_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCourseInput!, $note: String) { updateCourse(id: $id, input: $input, note: $note) { ${COURSE_FIELDS} } }`;
const ADD_LESSON = 'mutation($courseId: ID!, $input: LessonInput!) { addLesson(courseId: $courseId, input: $input) { id position kind body minReadingSeconds } }';
const PUBLISH = 'mutation($id: ID!) { publishCourse(id: $id) { status revision publishedAt } }';
const COURSE = `query($id: ID!) { course(id: $id) { ${COURSE_FIELDS} } }`;
const MY_COURSES = `query($requirement: Requirement, $keyword: String, $first: Int, $after: String, $year: Int) {
  myCourses(requirement: $requirement, keyword: $keyword, first: $first, after: $after, year: $year) { totalCount pageInfo { endCursor hasNextPage } nodes { id title requirement } } }`;

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

describe('courses: authoring, revisions, audience and the catalogue', () => {
  let api: TestApi;
  let org: OrgFixture;
  const t: Record<'rootAdmin' | 'bureauAdmin' | 'trainer' | 'cadre' | 'otherCadre', string> = {} as never;

  beforeAll(async () => {
    api = await startTestApi('courses');
    org = await seedOrganisation(api.app);
    t.rootAdmin = await api.login('13800000001', org.password);
    t.bureauAdmin = await api.login('13800000002', org.password);
    t.trainer = await api.login('13800000003', org.password);
    t.cadre = await api.login('13800000004', org.password);
    t.otherCadre = await api.login('13800000005', org.password);
  });
  afterAll(() => api?.close());

  /** A one-question quiz owned by the caller's unit. */
  const quizFor = async (token: string) => {
    const q = await api.ok('mutation($i: QuestionInput!) { createQuestion(input: $i) { id } }', { i: { kind: 'TRUE_FALSE', stem: '党员可以收受管理服务对象的礼金。', answer: ['FALSE'], subject: 'PARTY_DISCIPLINE', difficulty: 1 } }, token);
    const z = await api.ok('mutation($i: QuizInput!) { createQuiz(input: $i) { id } }', { i: { title: '随堂测验', mode: 'FIXED', questionIds: [q.createQuestion.id], passMark: 60 } }, token);
    return z.createQuiz.id as string;
  };
  /** A published course with one article lesson, created by `token`. */
  const publishedCourse = async (token: string, input: Record<string, unknown>) => {
    const { createCourse } = await api.ok(CREATE, { input: { subject: 'PARTY_DISCIPLINE', classHours: 1, ...input } }, token);
    await api.ok(ADD_LESSON, { courseId: createCourse.id, input: { kind: 'ARTICLE', title: '导读', body: '<p>廉洁自律，从我做起。</p>', minReadingSeconds: 0 } }, token);
    await api.ok(PUBLISH, { id: createCourse.id }, token);
    return createCourse.id as string;
  };

  it('a trainer creates a draft, adds lessons of every kind, publishes, and revises it; each edit of the published course is a revision', async () => {
    const { createCourse: course } = await api.ok(
      CREATE,
      { input: { title: '《中国共产党纪律处分条例》解读', summary: '六项纪律逐条讲解', subject: 'PARTY_DISCIPLINE', classHours: 0.5, requiredTiers: ['ON_JOB'] } },
      t.trainer,
    );
    expect(course).toMatchObject({ status: 'DRAFT', revision: 0, classHours: 0.5, author: { name: '王培训' }, unit: { name: '市纪委监委' }, lessons: [] });

    const article = await api.ok(
      ADD_LESSON,
      { courseId: course.id, input: { kind: 'ARTICLE', title: '总则', body: '<p onclick="steal()">第一条 为了严明党的纪律<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a>' } },
      t.trainer,
    );
    // scripts, handlers and javascript: links are gone; a default reading time is set
    expect(article.addLesson.body).toBe('<p>第一条 为了严明党的纪律</p><a rel="noopener noreferrer" target="_blank">链接</a>');
    expect(article.addLesson.minReadingSeconds).toBe(30);
    const noQuiz = await api.gql(ADD_LESSON, { courseId: course.id, input: { kind: 'QUIZ', title: '随堂测验' } }, t.trainer);
    expect(noQuiz.errors![0].message).toBe('quizId: is required: create the quiz first');
    const quiz = await api.ok(ADD_LESSON, { courseId: course.id, input: { kind: 'QUIZ', title: '随堂测验', optional: true, quizId: await quizFor(t.trainer) } }, t.trainer);
    expect(quiz.addLesson.position).toBe(2);

    // drafts are edited in place: no revision
    const edited = await api.ok(UPDATE, { id: course.id, input: { classHours: 1 } }, t.trainer);
    expect(edited.updateCourse).toMatchObject({ revision: 0, classHours: 1 });

    expect((await api.ok(PUBLISH, { id: course.id }, t.trainer)).publishCourse).toMatchObject({ status: 'PUBLISHED', revision: 1 });
    expect(code(await api.gql(PUBLISH, { id: course.id }, t.trainer))).toBe('CONFLICT');

    const revised = await api.ok(UPDATE, { id: course.id, input: { title: '《中国共产党纪律处分条例》（2024年修订）解读' }, note: '按2024年修订版更新' }, t.trainer);
    expect(revised.updateCourse).toMatchObject({ revision: 2, status: 'PUBLISHED' });
    const reordered = await api.ok(
      'mutation($courseId: ID!, $ids: [ID!]!) { reorderLessons(courseId: $courseId, lessonIds: $ids) { revision lessons { kind position } } }',
      { courseId: course.id, ids: [quiz.addLesson.id, article.addLesson.id] },
      t.trainer,
    );
    expect(reordered.reorderLessons).toEqual({ revision: 3, lessons: [{ kind: 'QUIZ', position: 1 }, { kind: 'ARTICLE', position: 2 }] });
    const removed = await api.ok('mutation($id: ID!) { removeLesson(lessonId: $id, note: "测验另行安排") { revision lessons { kind position } } }', { id: quiz.addLesson.id }, t.trainer);
    expect(removed.removeLesson).toEqual({ revision: 4, lessons: [{ kind: 'ARTICLE', position: 1 }] });

    const revisions = await api.ok('query($id: ID!) { courseRevisions(courseId: $id) { revision note title lessonCount } }', { id: course.id }, t.trainer);
    expect(revisions.courseRevisions).toEqual([
      { revision: 1, note: 'published', title: '《中国共产党纪律处分条例》解读', lessonCount: 2 },
      { revision: 2, note: '按2024年修订版更新', title: '《中国共产党纪律处分条例》（2024年修订）解读', lessonCount: 2 },
      { revision: 3, note: null, title: '《中国共产党纪律处分条例》（2024年修订）解读', lessonCount: 2 },
      { revision: 4, note: '测验另行安排', title: '《中国共产党纪律处分条例》（2024年修订）解读', lessonCount: 1 },
    ]);
    // the removed lesson is hidden, not deleted (progress on it would stay)
    const [row] = await api.app.get(DataSource).query('SELECT removed_at FROM lessons WHERE id = $1', [quiz.addLesson.id]);
    expect(row.removed_at).toBeInstanceOf(Date);

    expect((await api.ok('mutation($id: ID!) { archiveCourse(id: $id) { status } }', { id: course.id }, t.trainer)).archiveCourse.status).toBe('ARCHIVED');
    expect(code(await api.gql(UPDATE, { id: course.id, input: { classHours: 2 } }, t.trainer))).toBe('CONFLICT');
  });

  it('required for the targeted tier, elective for other tiers; invisible outside the owning unit', async () => {
    const cityCourse = await publishedCourse(t.rootAdmin, { title: '在职干部年度廉政必修课', requiredTiers: ['ON_JOB'] });
    const bureauCourse = await publishedCourse(t.trainer, { title: '纪检监察干部职业道德', requiredTiers: ['ON_JOB'] });

    // the cadre (on-job, in the bureau's office) must take both
    expect((await api.ok(COURSE, { id: cityCourse }, t.cadre)).course.requirement).toBe('REQUIRED');
    expect((await api.ok(COURSE, { id: bureauCourse }, t.cadre)).course.requirement).toBe('REQUIRED');
    // the reserve cadre in the township: the city's course is elective, the bureau's is not theirs to see
    expect((await api.ok(COURSE, { id: cityCourse }, t.otherCadre)).course.requirement).toBe('ELECTIVE');
    expect(code(await api.gql(COURSE, { id: bureauCourse }, t.otherCadre))).toBe('NOT_FOUND');

    const required = await api.ok(MY_COURSES, { requirement: 'REQUIRED', year: thisYear() }, t.cadre);
    expect(required.myCourses.nodes.map((n: { id: string }) => n.id)).toEqual(expect.arrayContaining([cityCourse, bureauCourse]));
    const electives = await api.ok(MY_COURSES, { requirement: 'ELECTIVE' }, t.otherCadre);
    expect(electives.myCourses.nodes.map((n: { id: string }) => n.id)).toContain(cityCourse);
    expect((await api.ok(MY_COURSES, { requirement: 'REQUIRED' }, t.otherCadre)).myCourses.nodes.map((n: { id: string }) => n.id)).not.toContain(cityCourse);
  });

  it('narrowed to units: required only inside the chosen subtree', async () => {
    const id = await publishedCourse(t.rootAdmin, { title: '乡镇干部惠民资金监管', requiredUnitIds: [org.township.id] });

    expect((await api.ok(COURSE, { id }, t.otherCadre)).course.requirement).toBe('REQUIRED');
    expect((await api.ok(COURSE, { id }, t.cadre)).course.requirement).toBe('ELECTIVE');
  });

  it('assigned by name with a deadline: required of that cadre only, who sees the deadline', async () => {
    const id = await publishedCourse(t.bureauAdmin, { title: '个别谈话提醒：警示教育专题' });
    const dueAt = new Date(Date.now() + 30 * 86400_000).toISOString();
    const assigned = await api.ok(
      'mutation($input: AssignCourseInput!) { assignCourse(input: $input) }',
      { input: { courseId: id, userIds: [org.cadre.id], dueAt, reason: '谈话函询后跟进教育' } },
      t.bureauAdmin,
    );
    expect(assigned.assignCourse).toBe(1);

    expect((await api.ok(COURSE, { id }, t.cadre)).course).toMatchObject({ requirement: 'REQUIRED', dueAt });
    // the trainer (also a cadre of the bureau) sees it as an elective, and not who was assigned
    const forTrainer = await api.gql(`{ myCourses(first: 100) { nodes { id requirement dueAt } } }`, {}, t.trainer);
    expect(forTrainer.data!.myCourses.nodes.find((n: { id: string }) => n.id === id)).toEqual({ id, requirement: 'ELECTIVE', dueAt: null });
    // a cadre outside the administrator's subtree cannot be assigned
    const outside = await api.gql('mutation($input: AssignCourseInput!) { assignCourse(input: $input) }', { input: { courseId: id, userIds: [org.otherCadre.id], dueAt } }, t.bureauAdmin);
    expect(code(outside)).toBe('FORBIDDEN');
  });

  it('trainers manage only courses of their subtree; cadres cannot author', async () => {
    const cityCourse = await publishedCourse(t.rootAdmin, { title: '市级课程' });
    const res = await api.gql(UPDATE, { id: cityCourse, input: { title: '改名' } }, t.trainer);
    expect(code(res)).toBe('FORBIDDEN');
    expect(code(await api.gql(CREATE, { input: { title: 'x', subject: 'PARTY_STYLE', classHours: 1 } }, t.cadre))).toBe('FORBIDDEN');
    const other = await api.gql(CREATE, { input: { title: 'x', subject: 'PARTY_STYLE', classHours: 1, unitId: org.township.id } }, t.trainer);
    expect(code(other)).toBe('FORBIDDEN');
  });

  it('bad input is refused with the field named and nothing saved', async () => {
    const before = (await api.app.get(DataSource).query('SELECT count(*)::int AS n FROM courses'))[0].n;
    const hours = await api.gql(CREATE, { input: { title: '课程', subject: 'PARTY_STYLE', classHours: 0.125 } }, t.trainer);
    expect(code(hours)).toBe('BAD_USER_INPUT');
    expect(hours.errors![0].message).toMatch(/classHours/);
    const units = await api.gql(CREATE, { input: { title: '课程', subject: 'PARTY_STYLE', classHours: 1, requiredUnitIds: [org.township.id] } }, t.trainer);
    expect(units.errors![0].message).toMatch(/requiredUnitIds: 清河镇 lie outside the course's unit/);
    expect((await api.app.get(DataSource).query('SELECT count(*)::int AS n FROM courses'))[0].n).toBe(before);

    const { createCourse } = await api.ok(CREATE, { input: { title: '空课程', subject: 'PARTY_STYLE', classHours: 1 } }, t.trainer);
    expect((await api.gql(PUBLISH, { id: createCourse.id }, t.trainer)).errors![0].message).toMatch(/at least one lesson/);
    const video = await api.gql(ADD_LESSON, { courseId: createCourse.id, input: { kind: 'VIDEO', title: '警示片' } }, t.trainer);
    expect(video.errors![0].message).toBe('mediaId: is required: upload the film first');
    const wrongField = await api.gql(ADD_LESSON, { courseId: createCourse.id, input: { kind: 'QUIZ', title: '测验', body: '<p>x</p>', quizId: createCourse.id } }, t.trainer);
    expect(wrongField.errors![0].message).toBe('body: applies to ARTICLE lessons, not QUIZ');
    const reorder = await api.gql('mutation($c: ID!, $ids: [ID!]!) { reorderLessons(courseId: $c, lessonIds: $ids) { id } }', { c: createCourse.id, ids: [createCourse.id] }, t.trainer);
    expect(reorder.errors![0].message).toBe("lessonIds: must list each of the course's 0 lessons exactly once");
  });

  describe('catalogue', () => {
    const titles = ['党员干部廉洁自律准则解读', '新时代廉洁文化建设', '家风建设与廉洁齐家', '基层微腐败典型案例剖析'];
    let ids: string[];

    beforeAll(async () => {
      ids = [];
      for (let i = 0; i < 24; i++) {
        const title = i < titles.length ? titles[i] : `党史学习专题第${i}讲`;
        ids.push(await publishedCourse(t.rootAdmin, { title, summary: i === 5 ? '本讲讨论廉洁从政的要求' : '专题讲座', subject: i % 2 ? 'PARTY_STYLE' : 'WARNING_CASES', requiredTiers: i % 3 ? [] : ['RESERVE'] }));
      }
    });

    it('finds Chinese substrings in titles and summaries', async () => {
      const found = await api.ok('query($k: String) { courses(keyword: $k, first: 100) { totalCount nodes { title } } }', { k: '廉洁' }, t.rootAdmin);
      const names = found.courses.nodes.map((n: { title: string }) => n.title);
      expect(names).toEqual(expect.arrayContaining(['党员干部廉洁自律准则解读', '新时代廉洁文化建设', '家风建设与廉洁齐家', '党史学习专题第5讲']));
      expect(names).not.toContain('基层微腐败典型案例剖析');
      const two = await api.ok('query($k: String) { courses(keyword: $k) { totalCount nodes { title } } }', { k: '腐' }, t.rootAdmin);
      expect(two.courses.nodes.map((n: { title: string }) => n.title)).toContain('基层微腐败典型案例剖析');
      // % and _ are literal characters, not wildcards
      expect((await api.ok('query { courses(keyword: "%") { totalCount } }', {}, t.rootAdmin)).courses.totalCount).toBe(0);
    });

    it('filters by subject, status and tier, and pages with a cursor and a total', async () => {
      const byTier = await api.ok('query { courses(tier: RESERVE, first: 100) { totalCount } }', {}, t.rootAdmin);
      expect(byTier.courses.totalCount).toBe(8);
      const pages: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = await api.ok('query($after: String) { courses(subject: WARNING_CASES, status: PUBLISHED, first: 5, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id } } }', { after }, t.rootAdmin);
        total = page.courses.totalCount;
        pages.push(...page.courses.nodes.map((n: { id: string }) => n.id));
        after = page.courses.pageInfo.hasNextPage ? page.courses.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(pages).size).toBe(pages.length);
      expect(pages.length).toBe(total);
      expect(pages).toEqual(expect.arrayContaining(ids.filter((_, i) => i % 2 === 0)));
    });

    it('one catalogue page costs the same number of SQL statements whatever its size (nested fields are batched)', async () => {
      const LIST = `query($first: Int) { myCourses(first: $first) { totalCount nodes { id title requirement author { name } unit { name }
        lessons { id title myProgress { completedAt } } myProgress { lessonsDone requiredLessons } } } }`;
      const count = async (first: number) => {
        const spy = jest.spyOn(Client.prototype, 'query');
        try {
          const res = await api.ok(LIST, { first }, t.otherCadre);
          expect(res.myCourses.nodes).toHaveLength(first);
          return spy.mock.calls.length;
        } finally {
          spy.mockRestore();
        }
      };
      const small = await count(2);
      const large = await count(20);
      expect(large).toBe(small);
      // access check, two catalogue statements, and one per batched field
      expect(large).toBeLessThanOrEqual(10);
    });
  });
});
