import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { DataSource } from 'typeorm';

const CREATE = `mutation($input: CreateTourInput!) { createStudyTour(input: $input) { id } }`;
const OPEN = 'mutation($id: ID!) { openStudyTour(id: $id) { status } }';
const SIGN_UP = 'mutation($tourId: ID!) { signUpForTour(tourId: $tourId) { status } }';
const CANCEL = 'mutation($tourId: ID!) { cancelTourSignUp(tourId: $tourId) { status } }';
const TOUR = 'query($id: ID!) { studyTour(id: $id) { id } }';
const CODE = 'query($tourId: ID!) { myTourCheckInCode(tourId: $tourId) { code expiresAt } }';

const hours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/**
 * A refused tour action carries, next to its code and English message, a
 * machine-readable `reason` (with the moment or status that explains it), so
 * the web app can tell the cadre in Chinese why.
 */
describe('study tours: refusals name their reason', () => {
  let api: TestApi;
  let org: OrgFixture;
  let admin: string;
  let cadre: string;
  let other: string;

  const newTour = async (over: Record<string, unknown> = {}, open = true) => {
    const input = {
      title: '廉政警示教育基地现场教学',
      kind: 'WARNING_EDUCATION_BASE',
      destination: '青莲市廉政警示教育基地',
      startsAt: hours(72),
      endsAt: hours(76),
      capacity: 5,
      signUpOpensAt: hours(-1),
      signUpClosesAt: hours(48),
      cancelCutoffAt: hours(24),
      classHours: 2,
      ...over,
    };
    const created = await api.gql(CREATE, { input }, admin);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const id = created.data.createStudyTour.id as string;
    if (open) expect((await api.gql(OPEN, { id }, admin)).data).toEqual({ openStudyTour: { status: 'OPEN' } });
    return id;
  };
  const refusal = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await api.gql(query, variables, token);
    expect(res.data ?? null).toBeNull();
    const [error] = res.errors ?? [];
    return { message: error?.message, ...(error?.extensions ?? {}) } as { message?: string; code?: string; reason?: string; at?: string; status?: string | null };
  };
  const db = () => api.app.get(DataSource);

  beforeAll(async () => {
    api = await startTestApi('tour-refusals');
    org = await seedOrganisation(api.app);
    admin = await api.login('13800000001', org.password);
    cadre = await api.login('13800000004', org.password);
    other = await api.login('13800000005', org.password);
  });
  afterAll(() => api?.close());

  it('eligibility: the rule that fails (another part of the organisation, tier, leading cadres, listed units)', async () => {
    const bureauTour = await newTour({ unitId: org.bureau.id });
    // 张干部 works in the township, outside the bureau
    expect(await refusal(SIGN_UP, { tourId: bureauTour }, other)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ELIGIBLE_ORGANISATION', message: 'This tour is organised for another part of the organisation' });
    expect(await refusal(TOUR, { id: bureauTour }, other)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ELIGIBLE_ORGANISATION' });

    const reserveOnly = await newTour({ eligibleTiers: ['RESERVE', 'NEW_APPOINTEE'] });
    expect(await refusal(SIGN_UP, { tourId: reserveOnly }, cadre)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ELIGIBLE_TIER', tiers: ['RESERVE', 'NEW_APPOINTEE'] });
    const leadersOnly = await newTour({ leadingOnly: true });
    expect(await refusal(SIGN_UP, { tourId: leadersOnly }, cadre)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ELIGIBLE_LEADING' });
    const townshipOnly = await newTour({ eligibleUnitIds: [org.township.id] });
    expect(await refusal(SIGN_UP, { tourId: townshipOnly }, cadre)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ELIGIBLE_UNITS' });
    // an eligible cadre is not refused
    expect((await api.gql(SIGN_UP, { tourId: townshipOnly }, other)).data).toEqual({ signUpForTour: { status: 'CONFIRMED' } });
  });

  it('the sign-up window, a closed or cancelled tour, and a second sign-up', async () => {
    const opensLater = await newTour({ signUpOpensAt: hours(2) });
    const later = await refusal(SIGN_UP, { tourId: opensLater }, cadre);
    expect(later).toMatchObject({ code: 'CONFLICT', reason: 'SIGNUP_NOT_YET_OPEN' });
    expect(Math.abs(new Date(later.at!).getTime() - new Date(hours(2)).getTime())).toBeLessThan(60_000);

    const closed = await newTour();
    await db().query(`UPDATE study_tours SET signup_closes_at = now() - interval '1 minute' WHERE id = $1`, [closed]);
    const [{ closes }] = await db().query(`SELECT signup_closes_at AS closes FROM study_tours WHERE id = $1`, [closed]);
    expect(await refusal(SIGN_UP, { tourId: closed }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'SIGNUP_CLOSED', at: (closes as Date).toISOString() });

    const stopped = await newTour();
    await api.gql('mutation($id: ID!) { closeStudyTour(id: $id) { status } }', { id: stopped }, admin);
    expect(await refusal(SIGN_UP, { tourId: stopped }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'TOUR_NOT_OPEN', status: 'CLOSED' });

    const cancelled = await newTour();
    await api.gql('mutation($id: ID!) { cancelStudyTour(id: $id, reason: "场馆维修") { status } }', { id: cancelled }, admin);
    expect(await refusal(SIGN_UP, { tourId: cancelled }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'TOUR_CANCELLED', message: 'This tour was cancelled' });

    const twice = await newTour();
    expect((await api.gql(SIGN_UP, { tourId: twice }, cadre)).data).toEqual({ signUpForTour: { status: 'CONFIRMED' } });
    expect(await refusal(SIGN_UP, { tourId: twice }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_SIGNED_UP', status: 'CONFIRMED' });
  });

  it('cancelling after the cut-off or without a sign-up; a check-in code without a confirmed seat or after check-in', async () => {
    const tourId = await newTour({ capacity: 1 });
    expect(await refusal(CANCEL, { tourId }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'NO_ACTIVE_SIGNUP' });
    expect(await refusal(CODE, { tourId }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CONFIRMED', status: null });

    const trainer = await api.login('13800000003', org.password);
    expect((await api.gql(SIGN_UP, { tourId }, trainer)).data).toEqual({ signUpForTour: { status: 'CONFIRMED' } });
    expect((await api.gql(SIGN_UP, { tourId }, cadre)).data).toEqual({ signUpForTour: { status: 'WAITLISTED' } });
    expect(await refusal(CODE, { tourId }, cadre)).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CONFIRMED', status: 'WAITLISTED' });

    await db().query(`UPDATE study_tours SET cancel_cutoff_at = now() - interval '1 minute' WHERE id = $1`, [tourId]);
    const [{ cutoff }] = await db().query(`SELECT cancel_cutoff_at AS cutoff FROM study_tours WHERE id = $1`, [tourId]);
    const late = await refusal(CANCEL, { tourId }, cadre);
    expect(late).toMatchObject({ code: 'CONFLICT', reason: 'CANCEL_CUTOFF_PASSED', at: (cutoff as Date).toISOString() });
    expect(late.message).toMatch(/^Cancellation closed at .*; ask the organiser$/);

    // checked in: no more code
    await db().query(`UPDATE study_tours SET starts_at = now() + interval '1 hour', signup_closes_at = now() + interval '30 minutes' WHERE id = $1`, [tourId]);
    const { data } = await api.gql(CODE, { tourId }, trainer);
    const checkedIn = await api.gql('mutation($tourId: ID!, $code: String) { checkInForTour(tourId: $tourId, code: $code) { checkedInAt } }', { tourId, code: data!.myTourCheckInCode.code }, admin);
    const at = checkedIn.data!.checkInForTour.checkedInAt as string;
    expect(await refusal(CODE, { tourId }, trainer)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CHECKED_IN', at });
  });
});
