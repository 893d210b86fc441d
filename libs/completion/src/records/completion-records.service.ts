import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  Clock,
  decodeCursor,
  ForbiddenException,
  hasRole,
  inScope,
  NotFoundException,
  Page,
  PageRequest,
  pageSize,
  shanghaiYear,
  toPage,
} from '@qinglian/common';
import { CadreTier, UnitEntity, UnitsService } from '@qinglian/identity';
import { enqueueCompletionRecompute, JobName, JobQueue } from '@qinglian/queue';
import { stringify } from 'csv-stringify/sync';
import { DataSource, EntityManager } from 'typeorm';
import { computeRecordsSql, NOTIFY_OVERDUE_SQL } from './completion-sql';
import { CompletionRecordEntity, CompletionRuleEntity, CompletionRunEntity, CompletionStatus } from './completion.entities';

/** Defaults from practice (see domain notes): 50 hours a year of self-study for serving cadres, a pre-job programme for new appointees. */
export const DEFAULT_RULES: Record<CadreTier, Omit<CompletionRuleEntity, 'year' | 'tier' | 'updatedBy' | 'updatedAt'>> = {
  [CadreTier.ON_JOB]: { requiredHours: 50, minRequiredCourseHours: 20, minFilmHours: 0, programmeDays: null, requiredCourseIds: [], requireIntegrityExam: false, requireCommitmentLetter: false, carryOverCap: 10 },
  [CadreTier.NEW_APPOINTEE]: { requiredHours: 30, minRequiredCourseHours: 10, minFilmHours: 0, programmeDays: 365, requiredCourseIds: [], requireIntegrityExam: true, requireCommitmentLetter: true, carryOverCap: 0 },
  [CadreTier.RESERVE]: { requiredHours: 30, minRequiredCourseHours: 10, minFilmHours: 0, programmeDays: null, requiredCourseIds: [], requireIntegrityExam: false, requireCommitmentLetter: false, carryOverCap: 0 },
  [CadreTier.RETIRED]: { requiredHours: 0, minRequiredCourseHours: 0, minFilmHours: 0, programmeDays: null, requiredCourseIds: [], requireIntegrityExam: false, requireCommitmentLetter: false, carryOverCap: 0 },
};

export type RuleData = Partial<Omit<CompletionRuleEntity, 'year' | 'tier' | 'updatedBy' | 'updatedAt'>>;

export interface RecordFilter {
  year: number;
  unitId?: string | null;
  tier?: CadreTier | null;
  status?: CompletionStatus | null;
}

export interface ReportRow {
  unitId: string;
  unitName: string;
  /** Null: all tiers of the unit. */
  tier: CadreTier | null;
  cadres: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  completionRate: number;
  averageHours: number;
}

export interface OverdueLeader {
  userId: string;
  name: string;
  unitName: string;
  tier: CadreTier;
  earnedTotal: number;
  requiredHours: number;
}

export interface CompletionReport {
  year: number;
  rows: ReportRow[];
  overdueLeaders: OverdueLeader[];
}

/** Cadres recomputed per statement in a full run, and statements running at once (PostgreSQL does the work; two keep two cores busy). */
export const RECOMPUTE_BATCH = 10_000;
export const RECOMPUTE_PARALLEL = 2;

/**
 * Completion records: the tier rules, the records (computed by one SQL
 * definition for one cadre or thousands), the full recompute with progress,
 * overdue notices, reports and certificates' verification.
 */
@Injectable()
export class CompletionRecordsService {
  private readonly logger = new Logger(CompletionRecordsService.name);
  private readonly sql = computeRecordsSql();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  currentYear(): number {
    return shanghaiYear(this.clock.now());
  }

  // --- rules ---------------------------------------------------------------------

  /** A year's rules; the defaults are written the first time a year is used. */
  async rules(year: number): Promise<CompletionRuleEntity[]> {
    await this.ensureDefaultRules(this.dataSource.manager, year);
    return this.dataSource.manager.find(CompletionRuleEntity, { where: { year }, order: { tier: 'ASC' } });
  }

  /** Changes a tier's rule (administrators of the whole organisation) and recomputes that tier's records. */
  async setRule(actor: Actor, year: number, tier: CadreTier, data: RuleData): Promise<{ rule: CompletionRuleEntity; runId: string }> {
    if (actor.scopePath !== '/' || !hasRole(actor, 'ADMIN')) throw new ForbiddenException('Only administrators of the whole organisation set the tier rules');
    validateYear(year);
    for (const key of ['requiredHours', 'minRequiredCourseHours', 'minFilmHours', 'carryOverCap'] as const) {
      const v = data[key];
      if (v != null && (!Number.isFinite(v) || v < 0 || v > 9999 || Math.round(v * 100) !== v * 100)) throw BadUserInputException.field(key, 'must be 0 to 9999 hours with at most two decimals');
    }
    if (data.programmeDays != null && (!Number.isInteger(data.programmeDays) || data.programmeDays < 1 || data.programmeDays > 3650)) throw BadUserInputException.field('programmeDays', 'must be 1 to 3650 days');
    const rule = await this.dataSource.transaction(async (m) => {
      await this.ensureDefaultRules(m, year);
      if (data.requiredCourseIds?.length) {
        const found: { id: string }[] = await m.query(`SELECT id FROM courses WHERE id = ANY($1::uuid[])`, [data.requiredCourseIds]);
        const missing = data.requiredCourseIds.filter((id) => !found.some((f) => f.id === id));
        if (missing.length) throw BadUserInputException.field('requiredCourseIds', `unknown courses: ${missing.join(', ')}`);
      }
      const current = await m.findOneByOrFail(CompletionRuleEntity, { year, tier });
      const before = { ...current };
      Object.assign(current, Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)), { updatedBy: actor.id, updatedAt: this.clock.now() });
      await m.save(CompletionRuleEntity, current);
      await this.audit.record(m, actor, [{ action: 'completion.rule.set', entityType: 'CompletionRule', entityId: null, scopePath: '/', before: { ...before, updatedAt: undefined }, after: { ...current, updatedAt: undefined } }]);
      return current;
    });
    const run = await this.startRun(actor, { year, tier });
    return { rule, runId: run.id };
  }

  /** Creates the year's rules with the defaults where an administrator has not set them. */
  async ensureDefaultRules(m: EntityManager, year: number): Promise<void> {
    const tiers = Object.keys(DEFAULT_RULES) as CadreTier[];
    await m.query(
      `INSERT INTO completion_rules (year, tier, required_hours, min_required_course_hours, min_film_hours, programme_days, require_integrity_exam, require_commitment_letter, carry_over_cap)
       SELECT $1, t.tier, t.hours, t.min_required, t.min_film, t.days, t.exam, t.letter, t.carry
         FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::int[], $7::boolean[], $8::boolean[], $9::numeric[])
              AS t(tier, hours, min_required, min_film, days, exam, letter, carry)
       ON CONFLICT (year, tier) DO NOTHING`,
      [
        year,
        tiers,
        tiers.map((t) => DEFAULT_RULES[t].requiredHours),
        tiers.map((t) => DEFAULT_RULES[t].minRequiredCourseHours),
        tiers.map((t) => DEFAULT_RULES[t].minFilmHours),
        tiers.map((t) => DEFAULT_RULES[t].programmeDays),
        tiers.map((t) => DEFAULT_RULES[t].requireIntegrityExam),
        tiers.map((t) => DEFAULT_RULES[t].requireCommitmentLetter),
        tiers.map((t) => DEFAULT_RULES[t].carryOverCap),
      ],
    );
  }

  // --- computation ---------------------------------------------------------------

  /** Recomputes the records of these cadres for a year with the one shared statement; then sends overdue notices. */
  async recompute(userIds: string[], year: number): Promise<number> {
    if (!userIds.length) return 0;
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      // a batch statement is costly enough to trigger PostgreSQL's JIT, whose compile time (~0.2 s) exceeds what it saves here
      await m.query(`SET LOCAL jit = off`);
      await this.ensureDefaultRules(m, year);
      await m.query(this.sql, [year, userIds, now]);
      await m.query(NOTIFY_OVERDUE_SQL, [year, userIds, now]);
      return userIds.length;
    });
  }

  /** Asks the worker to recompute one cadre's record after a learning event (bursts become one recompute). */
  async schedule(userId: string, year = this.currentYear()): Promise<void> {
    try {
      await enqueueCompletionRecompute(this.jobs, userId, year);
    } catch (error) {
      // the record is still rebuilt by the nightly recompute
      this.logger.error({ err: error, userId, year }, 'could not enqueue the completion recompute');
    }
  }

  /** Starts a full recompute of a year (optionally one tier or one unit subtree); progress is kept on the run. */
  async startRun(actor: Actor | null, scope: { year: number; tier?: CadreTier | null; unitId?: string | null }): Promise<CompletionRunEntity> {
    validateYear(scope.year);
    let unitPath = '/';
    if (scope.unitId) {
      const unit = actor
        ? await this.units.requireInScope(actor, scope.unitId, this.dataSource.manager, 'unitId')
        : await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: scope.unitId });
      unitPath = unit.path;
    } else if (actor && actor.scopePath !== '/') {
      unitPath = actor.scopePath;
    }
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM users u JOIN units un ON un.id = u.unit_id WHERE ${this.runFilter()}`, [
      unitPath,
      scope.tier ?? null,
    ]);
    const run = await this.dataSource.manager.save(
      CompletionRunEntity,
      this.dataSource.manager.create(CompletionRunEntity, {
        year: scope.year,
        tier: scope.tier ?? null,
        unitId: scope.unitId ?? (actor && actor.scopePath !== '/' ? actor.unitId : null),
        status: 'RUNNING',
        total: n,
        done: 0,
        error: null,
        startedBy: actor?.id ?? null,
        startedAt: this.clock.now(),
        finishedAt: null,
      }),
    );
    await this.jobs.add(JobName.RECOMPUTE_COMPLETION_RUN, { runId: run.id }, { jobId: `completion-run-${run.id}` });
    return run;
  }

  /** Runs a full recompute in batches of cadres (keyset over ids), updating the run's progress after each batch. Safe to re-run. */
  async executeRun(runId: string, onProgress?: (done: number, total: number) => Promise<void>): Promise<CompletionRunEntity> {
    const run = await this.dataSource.manager.findOneByOrFail(CompletionRunEntity, { id: runId });
    const unitPath = run.unitId ? (await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: run.unitId })).path : '/';
    let after = '00000000-0000-0000-0000-000000000000';
    let done = 0;
    let exhausted = false;
    /** The next batch of cadre ids (keyset over ids); taken one at a time so parallel batches never overlap. */
    let cursor = Promise.resolve();
    const nextBatch = () => {
      const taken = cursor.then(async () => {
        if (exhausted) return [];
        const ids: { id: string }[] = await this.dataSource.query(
          `SELECT u.id FROM users u JOIN units un ON un.id = u.unit_id WHERE ${this.runFilter()} AND u.id > $3 ORDER BY u.id LIMIT ${RECOMPUTE_BATCH}`,
          [unitPath, run.tier, after],
        );
        if (ids.length < RECOMPUTE_BATCH) exhausted = true;
        if (ids.length) after = ids[ids.length - 1].id;
        return ids.map((r) => r.id);
      });
      cursor = taken.then(() => undefined);
      return taken;
    };
    try {
      await Promise.all(
        Array.from({ length: RECOMPUTE_PARALLEL }, async () => {
          for (let ids = await nextBatch(); ids.length; ids = await nextBatch()) {
            await this.recompute(ids, run.year);
            done += ids.length;
            await this.dataSource.query(`UPDATE completion_runs SET done = $2, total = greatest(total, $2) WHERE id = $1`, [runId, done]);
            await onProgress?.(done, Math.max(run.total, done));
          }
        }),
      );
      await this.dataSource.query(`UPDATE completion_runs SET status = 'DONE', finished_at = $2 WHERE id = $1`, [runId, this.clock.now()]);
    } catch (error) {
      await this.dataSource.query(`UPDATE completion_runs SET status = 'FAILED', error = $2, finished_at = $3 WHERE id = $1`, [runId, (error as Error).message.slice(0, 1000), this.clock.now()]);
      throw error;
    }
    return this.dataSource.manager.findOneByOrFail(CompletionRunEntity, { id: runId });
  }

  async run(actor: Actor, runId: string): Promise<CompletionRunEntity> {
    const run = await this.dataSource.manager.findOne(CompletionRunEntity, { where: { id: runId } });
    if (!run || !hasRole(actor, 'ADMIN')) throw new NotFoundException('Recompute run', runId);
    return run;
  }

  private runFilter(): string {
    return `u.active AND 'CADRE' = ANY(u.roles) AND u.tier IS NOT NULL AND starts_with(un.path, $1) AND ($2::text IS NULL OR u.tier = $2)`;
  }

  // --- reading -------------------------------------------------------------------

  /**
   * The years the caller has a stored record for, newest first, always with
   * this year: what a year picker may offer without computing (and judging
   * overdue) a record for a year the cadre was never asked about.
   */
  async myYears(actor: Actor): Promise<number[]> {
    const rows: { year: number }[] = await this.dataSource.query(`SELECT DISTINCT year FROM completion_records WHERE user_id = $1`, [actor.id]);
    return [...new Set([this.currentYear(), ...rows.map((r) => r.year)])].sort((a, b) => b - a);
  }

  /** A cadre's own record of a year (computed on the spot the first time). */
  async mine(actor: Actor, year: number): Promise<CompletionRecordEntity> {
    validateYear(year);
    let record = await this.dataSource.manager.findOne(CompletionRecordEntity, { where: { userId: actor.id, year } });
    if (!record) {
      await this.recompute([actor.id], year);
      record = await this.dataSource.manager.findOne(CompletionRecordEntity, { where: { userId: actor.id, year } });
    }
    if (!record) throw new NotFoundException('Completion record', `${actor.id}/${year}`);
    return record;
  }

  /** One cadre's record for staff of the cadre's subtree. */
  async forUser(actor: Actor, userId: string, year: number): Promise<CompletionRecordEntity> {
    if (userId === actor.id) return this.mine(actor, year);
    const [row] = await this.dataSource.query(`SELECT un.path FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`, [userId]);
    if (!row || !hasRole(actor, 'ADMIN', 'TRAINER') || !inScope(actor, row.path)) throw new NotFoundException('User', userId);
    let record = await this.dataSource.manager.findOne(CompletionRecordEntity, { where: { userId, year } });
    if (!record) {
      await this.recompute([userId], year);
      record = await this.dataSource.manager.findOne(CompletionRecordEntity, { where: { userId, year } });
    }
    if (!record) throw new NotFoundException('Completion record', `${userId}/${year}`);
    return record;
  }

  /** Records of the caller's subtree (or a unit of it), newest computation first. */
  async list(actor: Actor, filter: RecordFilter, request: PageRequest): Promise<Page<CompletionRecordEntity>> {
    const size = pageSize(request);
    const { where, params } = await this.recordWhere(actor, filter);
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM completion_records r JOIN units un ON un.id = r.unit_id WHERE ${where.join(' AND ')}`, params);
    if (request.after) {
      const cursor = decodeCursor(request.after);
      params.push(cursor.sort, cursor.id);
      where.push(`(r.unit_id::text, r.user_id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT r.user_id FROM completion_records r JOIN units un ON un.id = r.unit_id WHERE ${where.join(' AND ')} ORDER BY r.unit_id::text, r.user_id LIMIT ${size + 1}`,
      params,
    );
    const records = rows.length ? await this.dataSource.manager.find(CompletionRecordEntity, { where: rows.map((r) => ({ userId: r.user_id, year: filter.year })) }) : [];
    const byUser = new Map(records.map((r) => [r.userId, r]));
    return toPage(
      rows.map((r) => byUser.get(r.user_id)!),
      size,
      n,
      (r) => ({ sort: r.unitId, id: r.userId }),
    );
  }

  /** Per unit (the chosen one and each unit directly below it, subunits rolled up) and tier; plus the overdue leading cadres. */
  async report(actor: Actor, year: number, unitId?: string | null, tier?: CadreTier | null): Promise<CompletionReport> {
    validateYear(year);
    const root = await this.units.requireInScope(actor, unitId ?? actor.unitId, this.dataSource.manager, 'unitId');
    const rows: (Omit<ReportRow, 'completionRate' | 'averageHours'> & { hours: number })[] = await this.dataSource.query(
      `WITH scope AS (
         SELECT u.id, u.name, u.path, 0 AS ord FROM units u WHERE u.id = $1
         UNION ALL
         SELECT u.id, u.name, u.path, 1 FROM units u WHERE u.parent_id = $1)
       SELECT s.id AS "unitId", s.name AS "unitName", r.tier AS tier,
              count(r.user_id)::int AS cadres,
              count(*) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE r.status = 'IN_PROGRESS')::int AS "inProgress",
              count(*) FILTER (WHERE r.status = 'NOT_STARTED')::int AS "notStarted",
              count(*) FILTER (WHERE r.status = 'OVERDUE')::int AS overdue,
              coalesce(sum(r.earned_total), 0)::float AS hours
         FROM scope s
         JOIN units ru ON starts_with(ru.path, s.path)
         JOIN completion_records r ON r.unit_id = ru.id AND r.year = $2 AND ($3::text IS NULL OR r.tier = $3)
        GROUP BY GROUPING SETS ((s.ord, s.id, s.name, r.tier), (s.ord, s.id, s.name))
        ORDER BY min(s.ord), s.name, r.tier NULLS FIRST`,
      [root.id, year, tier ?? null],
    );
    const overdueLeaders: OverdueLeader[] = await this.dataSource.query(
      `SELECT r.user_id AS "userId", u.name, un.name AS "unitName", r.tier, r.earned_total::float AS "earnedTotal", r.required_hours::float AS "requiredHours"
         FROM completion_records r JOIN users u ON u.id = r.user_id AND u.is_leading JOIN units un ON un.id = r.unit_id
        WHERE r.year = $1 AND r.status = 'OVERDUE' AND starts_with(un.path, $2) AND ($3::text IS NULL OR r.tier = $3)
        ORDER BY un.name, u.name`,
      [year, root.path, tier ?? null],
    );
    return {
      year,
      overdueLeaders,
      rows: rows.map(({ hours, ...r }) => ({
        ...r,
        completionRate: r.cadres ? Math.round((r.completed / r.cadres) * 1000) / 10 : 0,
        averageHours: r.cadres ? Math.round((hours / r.cadres) * 100) / 100 : 0,
      })),
    };
  }

  /** The report as CSV (UTF-8 with BOM, CRLF) for spreadsheet programs. */
  async reportCsv(actor: Actor, year: number, unitId?: string | null, tier?: CadreTier | null): Promise<string> {
    const report = await this.report(actor, year, unitId, tier);
    const body = stringify(
      report.rows.map((r) => [r.unitName, r.tier ?? '合计', r.cadres, r.completed, r.inProgress, r.notStarted, r.overdue, r.completionRate, r.averageHours]),
      { header: true, columns: ['单位', '层级', '干部数', '已完成', '进行中', '未开始', '已逾期', '完成率(%)', '平均学时'], record_delimiter: '\r\n' },
    );
    return `\uFEFF${body}`;
  }

  /** The records behind a report as CSV. */
  async recordsCsv(actor: Actor, filter: RecordFilter): Promise<string> {
    const { where, params } = await this.recordWhere(actor, filter);
    const rows: unknown[][] = await this.dataSource.query(
      // every column named: a row comes back as an object, where two columns of one name would be one
      `SELECT u.name AS name, un.name AS unit_name, r.tier, u.is_leading, r.required_hours::float AS required_hours, r.earned_course::float AS earned_course,
              r.earned_quiz::float AS earned_quiz, r.earned_tour::float AS earned_tour, r.earned_carry::float AS earned_carry, r.earned_total::float AS earned_total,
              r.items_done, r.items_total, r.status, to_char(r.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS due_date
         FROM completion_records r JOIN units un ON un.id = r.unit_id JOIN users u ON u.id = r.user_id
        WHERE ${where.join(' AND ')} ORDER BY un.name, u.name`,
      params,
    ).then((rs: Record<string, unknown>[]) => rs.map((r) => Object.values(r)));
    const body = stringify(rows, {
      header: true,
      columns: ['姓名', '单位', '层级', '领导干部', '要求学时', '课程学时', '测验学时', '考察学时', '结转学时', '合计学时', '已完成项', '应完成项', '状态', '截止日期'],
      record_delimiter: '\r\n',
      cast: { boolean: (b) => (b ? '是' : '否') },
    });
    return `\uFEFF${body}`;
  }

  /** Public check of a certificate's code: the record it belongs to, while it is complete. */
  async verify(code: string): Promise<{ name: string; unitName: string; year: number; earnedTotal: number; completedAt: Date } | null> {
    if (!/^[0-9A-F]{20}$/.test(code)) return null;
    const [row] = await this.dataSource.query(
      `SELECT u.name, un.name AS "unitName", r.year, r.earned_total::float AS "earnedTotal", r.completed_at AS "completedAt"
         FROM completion_records r JOIN users u ON u.id = r.user_id JOIN units un ON un.id = r.unit_id
        WHERE r.certificate_code = $1 AND r.status = 'COMPLETED'`,
      [code],
    );
    return row ?? null;
  }

  /** What a certificate shows; only for a completed record of the caller. */
  async certificateData(actor: Actor, year: number) {
    const record = await this.mine(actor, year);
    if (record.status !== CompletionStatus.COMPLETED || !record.certificateCode) {
      throw new ForbiddenException(`Your ${year} record is ${record.status.toLowerCase().replace('_', ' ')}; the certificate is issued once it is completed`);
    }
    const [who] = await this.dataSource.query(`SELECT u.name, un.name AS "unitName" FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`, [actor.id]);
    return { record, name: who.name as string, unitName: who.unitName as string };
  }

  private async recordWhere(actor: Actor, filter: RecordFilter) {
    validateYear(filter.year);
    let path = actor.scopePath;
    if (filter.unitId) path = (await this.units.requireInScope(actor, filter.unitId, this.dataSource.manager, 'unitId')).path;
    if (!hasRole(actor, 'ADMIN', 'TRAINER')) throw new ForbiddenException('Only trainers and administrators read others\' records');
    const params: unknown[] = [filter.year, path];
    const where = ['r.year = $1', 'starts_with(un.path, $2)'];
    if (filter.tier) {
      params.push(filter.tier);
      where.push(`r.tier = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`r.status = $${params.length}`);
    }
    return { where, params };
  }
}

function validateYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw BadUserInputException.field('year', 'must be a year between 2000 and 2100');
}
