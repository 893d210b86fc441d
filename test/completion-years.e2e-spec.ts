import { CompletionRecordsService } from '@qinglian/completion';
import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

/** The years a cadre's record page offers: those with a stored record, and always this year; nothing is computed by asking. */
describe('myCompletionYears', () => {
  let api: TestApi;
  let org: OrgFixture;
  let cadre: string;
  let other: string;

  beforeAll(async () => {
    api = await startTestApi('completion-years');
    org = await seedOrganisation(api.app);
    cadre = await api.login('13800000004', org.password);
    other = await api.login('13800000005', org.password);
  });
  afterAll(async () => {
    await api?.close();
  });

  const years = async (token?: string) => api.gql<{ myCompletionYears: number[] }>('{ myCompletionYears }', {}, token);
  const stored = async (userId: string) =>
    ((await api.app.get(DataSource).query('SELECT year FROM completion_records WHERE user_id = $1 ORDER BY year', [userId])) as { year: number }[]).map((r) => r.year);

  it('offers this year before any record exists, and asking creates none', async () => {
    expect((await years(cadre)).data).toEqual({ myCompletionYears: [YEAR] });
    expect(await stored(org.cadre.id)).toEqual([]);
  });

  it('lists the years with a stored record, newest first, for the caller only', async () => {
    const records = api.app.get(CompletionRecordsService);
    await records.recompute([org.cadre.id], YEAR - 2);
    await records.recompute([org.cadre.id], YEAR - 1);
    await api.gql('query($y: Int!) { myCompletionRecord(year: $y) { year } }', { y: YEAR }, cadre);
    expect((await years(cadre)).data).toEqual({ myCompletionYears: [YEAR, YEAR - 1, YEAR - 2] });
    expect((await years(other)).data).toEqual({ myCompletionYears: [YEAR] });
  });

  it('needs a signed-in user', async () => {
    const res = await years();
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
