import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';

describe('festival calendar over GraphQL', () => {
  let api: TestApi;
  let org: OrgFixture;
  let cadre: string;

  beforeAll(async () => {
    api = await startTestApi('calendar');
    org = await seedOrganisation(api.app);
    cadre = await api.login('13800000004', org.password);
  });
  afterAll(() => api?.close());

  it('serves a year\'s festivals with the statutory days off and swapped working days', async () => {
    const res = await api.gql('query { festivalCalendar(year: 2026) { festivals { key name date } daysOff { date name } swappedWorkdays { date } statutoryPublished } }', {}, cadre);
    const calendar = res.data!.festivalCalendar;
    expect(calendar.festivals).toEqual(expect.arrayContaining([{ key: 'SPRING_FESTIVAL_EVE', name: '除夕', date: '2026-02-16' }, { key: 'QINGMING', name: '清明节', date: '2026-04-05' }]));
    expect(calendar.statutoryPublished).toBe(true);
    expect(calendar.daysOff).toEqual(expect.arrayContaining([{ date: '2026-10-01', name: '国庆节' }]));
    expect(calendar.swappedWorkdays.length).toBeGreaterThan(0);
  });

  it('refuses a year outside the calendar library\'s range, naming the field', async () => {
    const res = await api.gql('query { festivalCalendar(year: 1800) { year } }', {}, cadre);
    expect(res.errors![0]).toMatchObject({ message: 'year: must be between 1901 and 2099', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('requires signing in', async () => {
    expect((await api.gql('query { festivalCalendar(year: 2026) { year } }')).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});
