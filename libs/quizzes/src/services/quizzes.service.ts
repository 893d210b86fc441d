import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  ConflictException,
  decodeCursor,
  ForbiddenException,
  hasRole,
  NotFoundException,
  Page,
  PageRequest,
  pageSize,
  toPage,
} from '@qinglian/common';
import { audienceSql, CourseSubject, ME_CTE } from '@qinglian/courses';
import { UnitEntity, UnitsService } from '@qinglian/identity';
import { DataSource, EntityManager, In } from 'typeorm';
import { DrawRule, QuizEntity } from '../entities/quiz.entity';
import { QuestionKind, QuizMode, QuizStatus, ReviewPolicy, ScoringRule } from '../quiz.enums';

export interface QuizData {
  title: string;
  description?: string | null;
  mode: QuizMode;
  /** FIXED: the questions in order (any version id; the current version of each is used). */
  questionIds?: string[] | null;
  /** DRAW: the rules, drawn in order for each attempt. */
  drawRules?: DrawRule[] | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  timeLimitSeconds?: number | null;
  maxAttempts?: number | null;
  minDelaySeconds?: number | null;
  passMark: number;
  scoring?: ScoringRule | null;
  reviewPolicy?: ReviewPolicy | null;
  integrityExam?: boolean | null;
  classHours?: number | null;
  contest?: boolean | null;
  liveRanking?: boolean | null;
  audienceUnitIds?: string[] | null;
  unitId?: string | null;
}

/** Settings that may still change once a quiz is published (its schedule); the questions and scoring may not. */
const SCHEDULE_FIELDS: (keyof QuizData)[] = ['title', 'description', 'opensAt', 'closesAt', 'maxAttempts', 'minDelaySeconds', 'liveRanking'];

/**
 * Who may take a quiz: published, and the taker is in the owning unit's
 * subtree (no audience set), in one of the audience units' subtrees, or can
 * see a published course that uses the quiz as a lesson. Reads the `me` row.
 */
export function eligibleSql(z: string): string {
  return `(${z}.status = 'PUBLISHED' AND (
    (cardinality(${z}.audience_unit_ids) = 0 AND EXISTS (SELECT 1 FROM units zu WHERE zu.id = ${z}.unit_id AND starts_with(me.path, zu.path)))
    OR EXISTS (SELECT 1 FROM units au WHERE au.id = ANY(${z}.audience_unit_ids) AND starts_with(me.path, au.path))
    OR EXISTS (SELECT 1 FROM lessons zl JOIN courses c ON c.id = zl.course_id WHERE zl.quiz_id = ${z}.id AND zl.removed_at IS NULL AND ${audienceSql('c').visible})))`;
}

/** Quizzes, integrity exams and contests: settings, questions, publishing, and who may take them. */
@Injectable()
export class QuizzesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, data: QuizData): Promise<QuizEntity> {
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, data.unitId ?? actor.unitId, m, 'unitId');
      const fields = await this.validate(m, unit, data);
      const quiz = await m.save(QuizEntity, m.create(QuizEntity, { ...fields.quiz, unitId: unit.id, authorId: actor.id, status: QuizStatus.DRAFT }));
      await this.setQuestions(m, quiz.id, fields.families);
      await this.audit.record(m, actor, [{ action: 'quiz.create', entityType: 'Quiz', entityId: quiz.id, scopePath: unit.path, after: { title: quiz.title } }]);
      return quiz;
    });
  }

  /** A draft changes freely; a published quiz only its schedule, so attempts stay comparable. */
  async update(actor: Actor, id: string, data: Partial<QuizData>): Promise<QuizEntity> {
    return this.dataSource.transaction(async (m) => {
      const { quiz, unit } = await this.lockManaged(m, actor, id);
      if (quiz.status === QuizStatus.ARCHIVED) throw new ConflictException('The quiz is archived');
      if (quiz.status === QuizStatus.PUBLISHED) {
        const locked = Object.keys(data).filter((k) => data[k as keyof QuizData] !== undefined && !SCHEDULE_FIELDS.includes(k as keyof QuizData));
        if (locked.length) throw new ConflictException(`The quiz is published: only its schedule may change, not ${locked.join(', ')}`);
      }
      const current = await this.currentData(m, quiz);
      const fields = await this.validate(m, unit, { ...current, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) } as QuizData);
      Object.assign(quiz, fields.quiz);
      await m.save(QuizEntity, quiz);
      if (data.questionIds !== undefined || data.mode !== undefined) await this.setQuestions(m, quiz.id, fields.families);
      await this.audit.record(m, actor, [{ action: 'quiz.update', entityType: 'Quiz', entityId: quiz.id, scopePath: unit.path, after: data }]);
      return quiz;
    });
  }

  async publish(actor: Actor, id: string): Promise<QuizEntity> {
    return this.dataSource.transaction(async (m) => {
      const { quiz, unit } = await this.lockManaged(m, actor, id);
      if (quiz.status !== QuizStatus.DRAFT) throw new ConflictException(`The quiz is already ${quiz.status.toLowerCase()}`);
      if (quiz.mode === QuizMode.FIXED) {
        const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM quiz_questions WHERE quiz_id = $1`, [quiz.id]);
        if (!n) throw new ConflictException('Add questions before publishing');
      } else {
        for (const [i, rule] of quiz.drawRules.entries()) {
          const available = await this.poolSize(m, unit, rule);
          if (available < rule.count) {
            throw new ConflictException(`Draw rule ${i + 1} asks for ${rule.count} questions but the bank has ${available} that match`, { rule: i + 1, available });
          }
        }
      }
      quiz.status = QuizStatus.PUBLISHED;
      await m.save(QuizEntity, quiz);
      await this.audit.record(m, actor, [{ action: 'quiz.publish', entityType: 'Quiz', entityId: quiz.id, scopePath: unit.path }]);
      return quiz;
    });
  }

  async archive(actor: Actor, id: string): Promise<QuizEntity> {
    return this.dataSource.transaction(async (m) => {
      const { quiz, unit } = await this.lockManaged(m, actor, id);
      quiz.status = QuizStatus.ARCHIVED;
      await m.save(QuizEntity, quiz);
      await this.audit.record(m, actor, [{ action: 'quiz.archive', entityType: 'Quiz', entityId: quiz.id, scopePath: unit.path }]);
      return quiz;
    });
  }

  /** Staff read quizzes of their subtree; cadres the published quizzes they may take. */
  async get(actor: Actor, id: string): Promise<QuizEntity> {
    if (hasRole(actor, 'ADMIN', 'TRAINER')) {
      const found = await this.loadManaged(this.dataSource.manager, actor, id, false).catch(() => null);
      if (found) return found.quiz;
    }
    const [row] = await this.dataSource.query(`WITH ${ME_CTE} SELECT z.id FROM quizzes z CROSS JOIN me WHERE z.id = $2 AND ${eligibleSql('z')}`, [actor.id, id]);
    if (!row) throw new NotFoundException('Quiz', id);
    return this.dataSource.manager.findOneByOrFail(QuizEntity, { id });
  }

  /** Staff: the quizzes of their subtree. */
  async list(actor: Actor, filter: { status?: QuizStatus | null; contest?: boolean | null }, request: PageRequest): Promise<Page<QuizEntity>> {
    const params: unknown[] = [actor.scopePath];
    const where = ['starts_with(u.path, $1)'];
    if (filter.status) {
      params.push(filter.status);
      where.push(`z.status = $${params.length}`);
    }
    if (filter.contest != null) {
      params.push(filter.contest);
      where.push(`z.contest = $${params.length}`);
    }
    return this.page(`FROM quizzes z JOIN units u ON u.id = z.unit_id WHERE ${where.join(' AND ')}`, params, request);
  }

  /** Learners: the published quizzes they may take. */
  async available(actor: Actor, filter: { contest?: boolean | null; integrityExam?: boolean | null }, request: PageRequest): Promise<Page<QuizEntity>> {
    const params: unknown[] = [actor.id];
    const where = [eligibleSql('z')];
    if (filter.contest != null) {
      params.push(filter.contest);
      where.push(`z.contest = $${params.length}`);
    }
    if (filter.integrityExam != null) {
      params.push(filter.integrityExam);
      where.push(`z.integrity_exam = $${params.length}`);
    }
    return this.page(`FROM quizzes z CROSS JOIN me WHERE ${where.join(' AND ')}`, params, request, ME_CTE);
  }

  /** Whether the caller may take the quiz now-ish (eligibility only; the window and limits are checked on start). */
  async assertEligible(m: EntityManager, actor: Actor, quizId: string): Promise<QuizEntity> {
    const [row] = await m.query(`WITH ${ME_CTE} SELECT ${eligibleSql('z')} AS eligible FROM quizzes z CROSS JOIN me WHERE z.id = $2`, [actor.id, quizId]);
    if (!row) throw new NotFoundException('Quiz', quizId);
    if (!row.eligible) throw new ForbiddenException('This quiz is not open to you');
    return m.findOneByOrFail(QuizEntity, { id: quizId });
  }

  findByIds(ids: readonly string[]): Promise<QuizEntity[]> {
    return ids.length ? this.dataSource.manager.find(QuizEntity, { where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  /** The current version ids of a fixed quiz's questions, in order. */
  async currentQuestionIds(quizId: string, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT q.id FROM quiz_questions x JOIN questions q ON q.family_id = x.family_id AND q.current WHERE x.quiz_id = $1 ORDER BY x.position`,
      [quizId],
    );
    return rows.map((r) => r.id);
  }

  /** Families and points of a fixed quiz, in order. */
  async fixedQuestions(m: EntityManager, quizId: string): Promise<{ family_id: string; points: number }[]> {
    return m.query(`SELECT family_id, points::float AS points FROM quiz_questions WHERE quiz_id = $1 ORDER BY position`, [quizId]);
  }

  async managed(actor: Actor, id: string): Promise<{ quiz: QuizEntity; unit: UnitEntity }> {
    return this.loadManaged(this.dataSource.manager, actor, id, false);
  }

  // --- internals -----------------------------------------------------------------

  private async page(from: string, params: unknown[], request: PageRequest, cte?: string): Promise<Page<QuizEntity>> {
    const size = pageSize(request);
    const withCte = cte ? `WITH ${cte} ` : '';
    const [{ n }] = await this.dataSource.query(`${withCte}SELECT count(*)::int AS n ${from}`, params);
    let keyset = '';
    if (request.after) {
      const cursor = decodeCursor(request.after);
      params.push(new Date(cursor.sort), cursor.id);
      keyset = ` AND (z.created_at, z.id) < ($${params.length - 1}, $${params.length}::uuid)`;
    }
    const ids: { id: string }[] = await this.dataSource.query(`${withCte}SELECT z.id ${from}${keyset} ORDER BY z.created_at DESC, z.id DESC LIMIT ${size + 1}`, params);
    const rows = await this.findByIds(ids.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return toPage(
      ids.map((r) => byId.get(r.id)!),
      size,
      n,
      (z) => ({ sort: z.createdAt.toISOString(), id: z.id }),
    );
  }

  private async currentData(m: EntityManager, quiz: QuizEntity): Promise<QuizData> {
    return { ...quiz, questionIds: await this.currentQuestionIds(quiz.id, m) };
  }

  private async setQuestions(m: EntityManager, quizId: string, families: string[]): Promise<void> {
    await m.query(`DELETE FROM quiz_questions WHERE quiz_id = $1`, [quizId]);
    if (!families.length) return;
    await m.query(
      `INSERT INTO quiz_questions (quiz_id, family_id, position) SELECT $1, f, n FROM unnest($2::uuid[]) WITH ORDINALITY AS t(f, n)`,
      [quizId, families],
    );
  }

  /** Questions a quiz of `unit` may draw: current and unarchived, owned by the unit, its subunits or the units above it. */
  bankSql(q: string, unitPathParam: string): string {
    return `${q}.current AND ${q}.archived_at IS NULL AND EXISTS (
      SELECT 1 FROM units bu WHERE bu.id = ${q}.unit_id AND (starts_with(bu.path, ${unitPathParam}) OR starts_with(${unitPathParam}, bu.path)))`;
  }

  ruleSql(rule: DrawRule, params: unknown[], q: string): string[] {
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (rule.kind) add((p) => `${q}.kind = ${p}`, rule.kind);
    if (rule.subject) add((p) => `${q}.subject = ${p}`, rule.subject);
    if (rule.minDifficulty) add((p) => `${q}.difficulty >= ${p}`, rule.minDifficulty);
    if (rule.maxDifficulty) add((p) => `${q}.difficulty <= ${p}`, rule.maxDifficulty);
    if (rule.tags?.length) add((p) => `${q}.tags && ${p}::text[]`, rule.tags);
    return where;
  }

  private async poolSize(m: EntityManager, unit: UnitEntity, rule: DrawRule): Promise<number> {
    const params: unknown[] = [unit.path];
    const where = [this.bankSql('q', '$1'), ...this.ruleSql(rule, params, 'q')];
    const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM questions q WHERE ${where.join(' AND ')}`, params);
    return n;
  }

  private async validate(m: EntityManager, unit: UnitEntity, data: QuizData) {
    const problem = (field: string, message: string) => {
      throw BadUserInputException.field(field, message);
    };
    const title = data.title?.trim();
    if (!title) problem('title', 'must not be empty');
    if (title.length > 200) problem('title', 'must be at most 200 characters');
    if (!Object.values(QuizMode).includes(data.mode)) problem('mode', 'must be FIXED or DRAW');
    if (!Number.isFinite(data.passMark) || data.passMark < 0 || data.passMark > 100) problem('passMark', 'must be a percentage from 0 to 100');
    if (data.opensAt && data.closesAt && data.closesAt <= data.opensAt) problem('closesAt', 'must be after opensAt');
    const positive = (field: keyof QuizData, max: number) => {
      const v = data[field] as number | null | undefined;
      if (v != null && (!Number.isInteger(v) || v < 1 || v > max)) problem(field, `must be a whole number from 1 to ${max}`);
    };
    positive('timeLimitSeconds', 24 * 3600);
    positive('maxAttempts', 100);
    if (data.minDelaySeconds != null && (!Number.isInteger(data.minDelaySeconds) || data.minDelaySeconds < 0)) problem('minDelaySeconds', 'must be a whole number of seconds, 0 or more');
    const reviewPolicy = data.reviewPolicy ?? ReviewPolicy.AFTER_SUBMIT;
    if (reviewPolicy === ReviewPolicy.AFTER_CLOSE && !data.closesAt) problem('reviewPolicy', 'AFTER_CLOSE needs a closesAt time');
    const contest = data.contest ?? false;
    if (contest && (!data.opensAt || !data.closesAt)) problem('contest', 'a contest needs opensAt and closesAt');
    const classHours = data.classHours ?? 0;
    if (!Number.isFinite(classHours) || classHours < 0 || classHours > 999 || Math.round(classHours * 100) !== classHours * 100) problem('classHours', 'must be between 0 and 999 with at most two decimals');

    const audienceUnitIds = [...new Set(data.audienceUnitIds ?? [])];
    if (audienceUnitIds.length) {
      const found = await m.find(UnitEntity, { where: { id: In(audienceUnitIds) } });
      const missing = audienceUnitIds.filter((id) => !found.some((u) => u.id === id));
      if (missing.length) problem('audienceUnitIds', `unknown units: ${missing.join(', ')}`);
      const outside = found.filter((u) => !u.path.startsWith(unit.path));
      if (outside.length) problem('audienceUnitIds', `${outside.map((u) => u.name).join(', ')} lie outside the quiz's unit`);
    }

    let families: string[] = [];
    let drawRules: DrawRule[] = [];
    if (data.mode === QuizMode.FIXED) {
      if (data.drawRules?.length) problem('drawRules', 'apply to DRAW quizzes only');
      const ids = data.questionIds ?? [];
      if (new Set(ids).size !== ids.length) problem('questionIds', 'lists a question twice');
      if (ids.length > 200) problem('questionIds', 'at most 200 questions');
      if (ids.length) {
        const rows: { id: string; family_id: string; unit_path: string; archived: boolean }[] = await m.query(
          `SELECT q.id, q.family_id, u.path AS unit_path, q.archived_at IS NOT NULL AS archived FROM questions q JOIN units u ON u.id = q.unit_id WHERE q.id = ANY($1::uuid[])`,
          [ids],
        );
        const missing = ids.filter((id) => !rows.some((r) => r.id === id));
        if (missing.length) problem('questionIds', `unknown questions: ${missing.join(', ')}`);
        const unusable = rows.filter((r) => r.archived || !(r.unit_path.startsWith(unit.path) || unit.path.startsWith(r.unit_path)));
        if (unusable.length) problem('questionIds', `archived or outside the quiz's bank: ${unusable.map((r) => r.id).join(', ')}`);
        families = ids.map((id) => rows.find((r) => r.id === id)!.family_id);
        if (new Set(families).size !== families.length) problem('questionIds', 'lists two versions of the same question');
      }
    } else {
      if (data.questionIds?.length) problem('questionIds', 'apply to FIXED quizzes only; a DRAW quiz uses drawRules');
      drawRules = data.drawRules ?? [];
      if (!drawRules.length) problem('drawRules', 'a DRAW quiz needs at least one rule');
      if (drawRules.length > 20) problem('drawRules', 'at most 20 rules');
      drawRules.forEach((r, i) => {
        const f = `drawRules[${i + 1}]`;
        if (!Number.isInteger(r.count) || r.count < 1 || r.count > 200) problem(f, 'count must be from 1 to 200');
        if (r.kind && !Object.values(QuestionKind).includes(r.kind)) problem(f, 'kind is not a question kind');
        if (r.subject && !Object.values(CourseSubject).includes(r.subject)) problem(f, 'subject is not a subject');
        for (const d of [r.minDifficulty, r.maxDifficulty]) if (d != null && (!Number.isInteger(d) || d < 1 || d > 5)) problem(f, 'difficulty bounds must be 1 to 5');
        if (r.minDifficulty && r.maxDifficulty && r.minDifficulty > r.maxDifficulty) problem(f, 'minDifficulty is above maxDifficulty');
        if (r.points != null && (!(r.points > 0) || r.points > 100)) problem(f, 'points must be above 0 and at most 100');
      });
      drawRules = drawRules.map((r) => ({
        count: r.count,
        kind: r.kind ?? null,
        subject: r.subject ?? null,
        minDifficulty: r.minDifficulty ?? null,
        maxDifficulty: r.maxDifficulty ?? null,
        tags: r.tags?.length ? r.tags : null,
        points: r.points ?? null,
      }));
    }
    return {
      families,
      quiz: {
        title,
        description: (data.description ?? '').trim(),
        mode: data.mode,
        drawRules,
        opensAt: data.opensAt ?? null,
        closesAt: data.closesAt ?? null,
        timeLimitSeconds: data.timeLimitSeconds ?? null,
        maxAttempts: data.maxAttempts ?? null,
        minDelaySeconds: data.minDelaySeconds ?? 0,
        passMark: data.passMark,
        scoring: data.scoring ?? ScoringRule.HIGHEST,
        reviewPolicy,
        integrityExam: data.integrityExam ?? false,
        classHours,
        contest,
        liveRanking: data.liveRanking ?? false,
        audienceUnitIds,
      },
    };
  }

  private lockManaged(m: EntityManager, actor: Actor, id: string) {
    return this.loadManaged(m, actor, id, true);
  }

  private async loadManaged(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<{ quiz: QuizEntity; unit: UnitEntity }> {
    const { record, unit } = await this.units.requireManaged(actor, m, QuizEntity, id, { one: 'Quiz', many: 'quizzes' }, lock);
    return { quiz: record, unit };
  }

}
