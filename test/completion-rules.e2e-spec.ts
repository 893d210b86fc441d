import { Clock, SYSTEM_ACTOR } from '@qinglian/common';
import { CompletionRecordsService } from '@qinglian/completion';
import { CadreTier, UsersService } from '@qinglian/identity';
import { OrgFixture, seedOrganisation, startTestApi, TestApi } from '@qinglian/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const YEAR = 2026;
const at = (iso: string) => new Date(`${iso}T12:00:00+08:00`);

/**
 * Each rule of the completion record, against the real SQL on PostgreSQL:
 * fixtures go straight into the ledger and the learning tables, the record is
 * computed by the service (the same statement the worker runs).
 */
describe('completion record rules', () => {
  let api: TestApi;
  let org: OrgFixture;
  let records: CompletionRecordsService;
  let db: DataSource;
  let now: Date;

  beforeAll(async () => {
    api = await startTestApi('completion-rules');
    org = await seedOrganisation(api.app);
    records = api.app.get(CompletionRecordsService);
    db = api.app.get(DataSource);
    now = at('2026-06-01');
    jest.spyOn(api.app.get(Clock), 'now').mockImplementation(() => now);
    await records.rules(YEAR);
  });
  afterAll(() => api?.close());

  let n = 0;
  /** A fresh cadre of a tier in the office. */
  const cadre = async (tier: CadreTier, extra: Record<string, unknown> = {}) => {
    n += 1;
    const user = await api.app.get(UsersService).create(SYSTEM_ACTOR, { name: `规则${n}`, phone: `1360000${String(n).padStart(4, '0')}`, unitId: org.office.id, roles: ['CADRE'], tier, initialPassword: 'Passw0rd!', ...extra } as never);
    return user.id;
  };
  const credit = (userId: string, source: 'COURSE' | 'QUIZ' | 'TOUR', hours: number, year = YEAR) =>
    db.query(`INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year) VALUES ($1, $2, $3, '学时', $4, $5, $6)`, [userId, source, randomUUID(), hours, at(`${year}-03-01`), year]);
  const record = async (userId: string, year = YEAR) => {
    await records.recompute([userId], year);
    const [row] = await db.query(
      `SELECT tier, status, required_hours::float AS required, earned_course::float AS course, earned_quiz::float AS quiz, earned_tour::float AS tour,
              earned_carry::float AS carry, earned_total::float AS total, required_course_hours::float AS "requiredCourseHours", items_done AS done, items_total AS items,
              missing, due_at AS "dueAt", tier_history AS history, certificate_code AS code
         FROM completion_records WHERE user_id = $1 AND year = $2`,
      [userId, year],
    );
    return row;
  };
  const setRule = (tier: CadreTier, data: Record<string, unknown>) =>
    db.query(
      `UPDATE completion_rules SET ${Object.keys(data)
        .map((k, i) => `${k} = $${i + 3}`)
        .join(', ')} WHERE year = $1 AND tier = $2`,
      [YEAR, tier, ...Object.values(data)],
    );
  /** A published course of the city for the year, with stored completions for the given cadres. */
  const course = async (data: { hours: number; tiers?: string[]; completedBy?: string[] }) => {
    const [c] = await db.query(
      `INSERT INTO courses (title, subject, class_hours, unit_id, year, required_tiers, status, revision, published_at)
       VALUES ($1, 'PARTY_DISCIPLINE', $2, $3, $4, $5, 'PUBLISHED', 1, now()) RETURNING id`,
      [`必修课${randomUUID().slice(0, 4)}`, data.hours, org.city.id, YEAR, data.tiers ?? []],
    );
    for (const userId of data.completedBy ?? []) {
      await db.query(`INSERT INTO course_completions (user_id, course_id, revision, class_hours, completed_at, year) VALUES ($1, $2, 1, $3, $4, $5)`, [userId, c.id, data.hours, at('2026-04-01'), YEAR]);
      await db.query(`INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year) VALUES ($1, 'COURSE', $2, '必修课', $3, $4, $5)`, [userId, c.id, data.hours, at('2026-04-01'), YEAR]);
    }
    return c.id as string;
  };

  it('adds earned hours by source; nothing earned is NOT_STARTED, some is IN_PROGRESS', async () => {
    await setRule(CadreTier.RESERVE, { required_hours: 30, min_required_course_hours: 0 });
    const idle = await cadre(CadreTier.RESERVE);
    expect(await record(idle)).toMatchObject({ status: 'NOT_STARTED', required: 30, total: 0 });
    const busy = await cadre(CadreTier.RESERVE);
    await credit(busy, 'COURSE', 4);
    await credit(busy, 'QUIZ', 0.5);
    await credit(busy, 'TOUR', 8);
    await credit(busy, 'TOUR', 8, YEAR - 1); // another year's hours do not count
    expect(await record(busy)).toMatchObject({ status: 'IN_PROGRESS', course: 4, quiz: 0.5, tour: 8, total: 12.5 });
  });

  it('completes only when the total and the minimum from required courses are both met', async () => {
    await setRule(CadreTier.ON_JOB, { required_hours: 10, min_required_course_hours: 4 });
    const electivesOnly = await cadre(CadreTier.ON_JOB);
    await credit(electivesOnly, 'TOUR', 12);
    expect(await record(electivesOnly)).toMatchObject({ status: 'IN_PROGRESS', total: 12, requiredCourseHours: 0 });
    const both = await cadre(CadreTier.ON_JOB);
    await course({ hours: 4, tiers: ['ON_JOB'], completedBy: [both] });
    await credit(both, 'TOUR', 6);
    const done = await record(both);
    expect(done).toMatchObject({ status: 'COMPLETED', total: 10, requiredCourseHours: 4 });
    expect(done.code).toMatch(/^[0-9A-F]{20}$/);
  });

  it('lists required courses not done as missing items, and counts done/total', async () => {
    await setRule(CadreTier.ON_JOB, { required_hours: 0, min_required_course_hours: 0 });
    const id = await cadre(CadreTier.ON_JOB);
    const done = await course({ hours: 1, tiers: ['ON_JOB'], completedBy: [id] });
    const open = await course({ hours: 2, tiers: ['ON_JOB'] });
    const r = await record(id);
    expect(r.items).toBeGreaterThanOrEqual(2);
    expect(r.missing.map((m: { id: string }) => m.id)).toContain(open);
    expect(r.missing.map((m: { id: string }) => m.id)).not.toContain(done);
    expect(r.status).toBe('IN_PROGRESS');
  });

  it('a new appointee: the programme is due N days after appointment, and needs a passed integrity exam and a signed letter', async () => {
    await setRule(CadreTier.NEW_APPOINTEE, { required_hours: 0, min_required_course_hours: 0, programme_days: 30, require_integrity_exam: true, require_commitment_letter: true });
    const id = await cadre(CadreTier.NEW_APPOINTEE, { appointmentDate: '2026-05-10' });
    const r = await record(id);
    // 30 days after 10 May is 9 June, due at the end of that day in Asia/Shanghai
    expect(new Date(r.dueAt).toISOString()).toBe('2026-06-09T15:59:59.000Z');
    expect(r.missing.map((m: { type: string }) => m.type).sort()).toEqual(['COMMITMENT_LETTER', 'INTEGRITY_EXAM']);
    now = at('2026-06-10');
    expect((await record(id)).status).toBe('OVERDUE');
    now = at('2026-06-01');
  });

  it('overdue records notify the cadre and the administrators of the unit once', async () => {
    await setRule(CadreTier.RESERVE, { required_hours: 30 });
    const admin = await api.app.get(UsersService).create(SYSTEM_ACTOR, { name: '科室管理员', phone: '13699999999', unitId: org.office.id, roles: ['ADMIN'], initialPassword: 'Passw0rd!' } as never);
    const id = await cadre(CadreTier.RESERVE);
    now = at('2027-01-02');
    expect((await record(id)).status).toBe('OVERDUE');
    await record(id);
    const notices = await db.query(`SELECT user_id, kind FROM notifications WHERE kind LIKE 'COMPLETION_OVERDUE%' AND (user_id = $1 OR data->>'userId' = $1::text) ORDER BY kind`, [id]);
    expect(notices).toEqual([
      { user_id: id, kind: 'COMPLETION_OVERDUE' },
      { user_id: admin.id, kind: 'COMPLETION_OVERDUE_UNIT' },
    ]);
    now = at('2026-06-01');
  });

  it('carries surplus hours of last year over, capped by the rule', async () => {
    await db.query(`INSERT INTO completion_rules (year, tier, required_hours, carry_over_cap) VALUES ($1, 'ON_JOB', 10, 0) ON CONFLICT (year, tier) DO UPDATE SET required_hours = 10`, [YEAR - 1]);
    await setRule(CadreTier.ON_JOB, { required_hours: 50, min_required_course_hours: 0, carry_over_cap: 5 });
    const id = await cadre(CadreTier.ON_JOB);
    await credit(id, 'TOUR', 18, YEAR - 1); // 8 above last year's 10
    await record(id, YEAR - 1);
    expect(await record(id)).toMatchObject({ carry: 5, total: 5 });
  });

  it('a retired cadre with no required hours is tracked and complete', async () => {
    await setRule(CadreTier.RETIRED, { required_hours: 0, min_required_course_hours: 0 });
    const id = await cadre(CadreTier.RETIRED);
    expect(await record(id)).toMatchObject({ status: 'COMPLETED', required: 0 });
  });

  it('follows the tier at recomputation and keeps the change in the history', async () => {
    const id = await cadre(CadreTier.RESERVE);
    await record(id);
    await db.query(`UPDATE users SET tier = 'ON_JOB' WHERE id = $1`, [id]);
    const r = await record(id);
    expect(r.tier).toBe('ON_JOB');
    expect(r.history).toEqual([{ from: 'RESERVE', to: 'ON_JOB', at: expect.any(String) }]);
  });

  it('an individually assigned course is required of that cadre with its own deadline; past it the record is overdue', async () => {
    await setRule(CadreTier.RESERVE, { required_hours: 0, min_required_course_hours: 0 });
    const id = await cadre(CadreTier.RESERVE);
    const c = await course({ hours: 1 });
    await db.query(`INSERT INTO course_assignments (course_id, user_id, due_at, reason) VALUES ($1, $2, $3, '谈话提醒')`, [c, id, at('2026-05-01')]);
    const r = await record(id);
    expect(r.missing).toEqual([expect.objectContaining({ type: 'COURSE', id: c })]);
    expect(r.status).toBe('OVERDUE');
  });
});
