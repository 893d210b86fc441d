import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** Editing a draft tour (updateStudyTour) and the names on staff lists (TourSignUp.person, CourseAssignment.person). */
describe('study tours: editing drafts; who is on the lists', () => {
  let api: TestApi;
  let org: OrgFixture;
  let trainer: string;
  let cadre: string;

  const input = (over: Record<string, unknown> = {}) => ({
    title: '革命传统教育基地学习',
    kind: 'REVOLUTIONARY_SITE',
    destination: '青莲市革命纪念馆',
    startsAt: hours(72),
    endsAt: hours(76),
    capacity: 20,
    signUpOpensAt: hours(-1),
    signUpClosesAt: hours(48),
    cancelCutoffAt: hours(24),
    ...over,
  });
  const UPDATE = 'mutation($id: ID!, $input: UpdateTourInput!) { updateStudyTour(id: $id, input: $input) { id title kind capacity meetingPoint startsAt endsAt approvalRequired classHours eligibleTiers status } }';

  beforeAll(async () => {
    api = await startTestApi('tour-editing');
    org = await seedOrganisation(api.app);
    trainer = await api.login('13800000003', org.password);
    cadre = await api.login('13800000004', org.password);
  });
  afterAll(() => api?.close());

  it('a draft changes only the fields given; bad dates are named; an open tour is refused; cadres may not edit', async () => {
    const created = await api.gql(
      'mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id title destination meetingPoint } }',
      { input: input({ title: ' 革命传统教育基地学习 ', destination: '青莲市革命纪念馆  ', meetingPoint: '   ' }) },
      trainer,
    );
    // creating stores the fields as editing does: trimmed, a blank meeting point as none
    expect(created.data!.createStudyTour).toMatchObject({ title: '革命传统教育基地学习', destination: '青莲市革命纪念馆', meetingPoint: null });
    const id = created.data!.createStudyTour.id as string;

    const startsAt = hours(96);
    const edited = await api.gql(UPDATE, { id, input: { title: '  红色教育基地学习  ', capacity: 40, meetingPoint: '市委党校正门', startsAt, endsAt: hours(100), approvalRequired: true, classHours: 2.5, eligibleTiers: ['ON_JOB'] } }, trainer);
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateStudyTour).toEqual({
      id,
      title: '红色教育基地学习',
      kind: 'REVOLUTIONARY_SITE',
      capacity: 40,
      meetingPoint: '市委党校正门',
      startsAt,
      endsAt: edited.data!.updateStudyTour.endsAt,
      approvalRequired: true,
      classHours: 2.5,
      eligibleTiers: ['ON_JOB'],
      status: 'DRAFT',
    });
    const read = await api.gql('query($id: ID!) { studyTour(id: $id) { title capacity destination approvalRequired } }', { id }, trainer);
    expect(read.data!.studyTour).toEqual({ title: '红色教育基地学习', capacity: 40, destination: '青莲市革命纪念馆', approvalRequired: true });

    const badDates = await api.gql(UPDATE, { id, input: { endsAt: hours(90) } }, trainer);
    expect(badDates.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(badDates.errors![0].extensions!.fields).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);

    const otherUnit = await api.gql(UPDATE, { id, input: { unitId: org.township.id } }, trainer);
    expect(otherUnit.errors![0].extensions!.fields).toEqual([{ field: 'unitId', message: expect.stringContaining('cannot change') }]);

    const asCadre = await api.gql(UPDATE, { id, input: { title: 'x' } }, cadre);
    expect(asCadre.errors![0].extensions!.code).toBe('FORBIDDEN');

    await api.gql('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id }, trainer);
    const open = await api.gql(UPDATE, { id, input: { title: '再改' } }, trainer);
    expect(open.errors![0].extensions!.code).toBe('CONFLICT');
    expect(open.errors![0].message).toMatch(/Only a draft tour can be edited/);
  });

  it('sign-ups and course assignments name the cadre and their unit', async () => {
    const created = await api.gql('mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }', { input: input() }, trainer);
    const tourId = created.data!.createStudyTour.id as string;
    await api.gql('mutation($id: ID!) { openStudyTour(id: $id) { status } }', { id: tourId }, trainer);
    const mine = await api.gql('mutation($tourId: ID!) { signUpForTour(tourId: $tourId) { status person { name } } }', { tourId }, cadre);
    expect(mine.data!.signUpForTour).toEqual({ status: 'CONFIRMED', person: { name: '李干部' } });
    const list = await api.gql('query($tourId: ID!) { tourSignUps(tourId: $tourId) { nodes { userId person { id name unitName isLeading } } } }', { tourId }, trainer);
    expect(list.data!.tourSignUps.nodes).toEqual([{ userId: org.cadre.id, person: { id: org.cadre.id, name: '李干部', unitName: '第一监督检查室', isLeading: false } }]);

    const course = await api.gql('mutation($input: CreateCourseInput!) { createCourse(input: $input) { id } }', { input: { title: '八项规定精神学习', subject: 'PARTY_STYLE', classHours: 1 } }, trainer);
    const courseId = course.data!.createCourse.id as string;
    const assigned = await api.gql('mutation($input: AssignCourseInput!) { assignCourse(input: $input) }', { input: { courseId, userIds: [org.cadre.id], dueAt: hours(24 * 30), reason: '谈话提醒后的专项学习' } }, trainer);
    expect(assigned.data).toEqual({ assignCourse: 1 });
    const assignments = await api.gql('query($courseId: ID!) { courseAssignments(courseId: $courseId) { reason person { name unitName } } }', { courseId }, trainer);
    expect(assignments.data!.courseAssignments).toEqual([{ reason: '谈话提醒后的专项学习', person: { name: '李干部', unitName: '第一监督检查室' } }]);
  });
});
