import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  decodeCursor,
  escapeLike,
  FieldProblem,
  hasRole,
  Page,
  PageRequest,
  pageSize,
  toPage,
} from '@qinglian/common';
import { CourseSubject } from '@qinglian/courses';
import { UnitEntity, UnitsService } from '@qinglian/identity';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { QuestionEntity } from '../entities/question.entity';
import { defineQuestion, QuestionData, QuestionDefinition } from '../grading/question-definition';
import { parseQuestionFile, QuestionFileFormat } from '../import/question-file';
import { QuestionKind } from '../quiz.enums';

export interface QuestionFilter {
  keyword?: string | null;
  kind?: QuestionKind | null;
  subject?: CourseSubject | null;
  difficulty?: number | null;
  tag?: string | null;
}

export interface ImportRowReport {
  line: number;
  status: 'CREATED' | 'ERROR';
  questionId: string | null;
  problems: FieldProblem[];
}

export interface ImportReport {
  created: number;
  failed: number;
  rows: ImportRowReport[];
}

/**
 * The question bank. Trainers own questions by unit and manage those of their
 * subtree. A question version that a finished attempt used is never edited:
 * editing it makes a new version (same family), so old attempts still show
 * what the cadre saw; quizzes use the current version of each family.
 */
@Injectable()
export class QuestionBankService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, data: QuestionData, unitId?: string | null): Promise<QuestionEntity> {
    const definition = this.valid(data);
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, unitId ?? actor.unitId, m, 'unitId');
      const question = await this.insert(m, actor, unit, definition);
      await this.audit.record(m, actor, [{ action: 'question.create', entityType: 'Question', entityId: question.familyId, scopePath: unit.path }]);
      return question;
    });
  }

  /** Edits in place while no finished attempt used this version; otherwise adds a new version. */
  async update(actor: Actor, id: string, data: QuestionData): Promise<QuestionEntity> {
    const definition = this.valid(data);
    return this.dataSource.transaction(async (m) => {
      const { question, unit } = await this.lockManaged(m, actor, id);
      if (!question.current) throw BadUserInputException.field('id', `is version ${question.version}; edit the current version`);
      const [{ used }] = await m.query(
        `SELECT EXISTS (SELECT 1 FROM quiz_attempt_items i JOIN quiz_attempts a ON a.id = i.attempt_id
                         WHERE i.question_id = $1 AND a.status <> 'IN_PROGRESS') AS used`,
        [question.id],
      );
      let result: QuestionEntity;
      if (used) {
        await m.update(QuestionEntity, { id: question.id }, { current: false });
        result = await this.insert(m, actor, unit, definition, question.familyId, question.version + 1);
      } else {
        Object.assign(question, definition);
        result = await m.save(QuestionEntity, question);
      }
      await this.audit.record(m, actor, [
        { action: 'question.update', entityType: 'Question', entityId: question.familyId, scopePath: unit.path, after: { version: result.version, newVersion: Boolean(used) } },
      ]);
      return result;
    });
  }

  /** Takes a question out of future draws and quizzes; attempts that used it keep it. */
  async archive(actor: Actor, id: string): Promise<QuestionEntity> {
    return this.dataSource.transaction(async (m) => {
      const { question, unit } = await this.lockManaged(m, actor, id);
      await m.update(QuestionEntity, { familyId: question.familyId }, { archivedAt: new Date() });
      await this.audit.record(m, actor, [{ action: 'question.archive', entityType: 'Question', entityId: question.familyId, scopePath: unit.path }]);
      return m.findOneByOrFail(QuestionEntity, { id: question.id });
    });
  }

  async get(actor: Actor, id: string): Promise<QuestionEntity> {
    return (await this.loadManaged(this.dataSource.manager, actor, id, false)).question;
  }

  /** Current, unarchived questions of the caller's subtree. */
  async list(actor: Actor, filter: QuestionFilter, request: PageRequest): Promise<Page<QuestionEntity>> {
    const size = pageSize(request);
    const params: unknown[] = [actor.scopePath];
    const where = ['q.current', 'q.archived_at IS NULL', 'starts_with(u.path, $1)'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.keyword?.trim()) add((p) => `q.stem ILIKE ${p}`, `%${escapeLike(filter.keyword.trim())}%`);
    if (filter.kind) add((p) => `q.kind = ${p}`, filter.kind);
    if (filter.subject) add((p) => `q.subject = ${p}`, filter.subject);
    if (filter.difficulty) add((p) => `q.difficulty = ${p}`, filter.difficulty);
    if (filter.tag?.trim()) add((p) => `${p} = ANY(q.tags)`, filter.tag.trim());
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM questions q JOIN units u ON u.id = q.unit_id WHERE ${where.join(' AND ')}`, params);
    if (request.after) {
      const cursor = decodeCursor(request.after);
      params.push(new Date(cursor.sort), cursor.id);
      where.push(`(q.created_at, q.id) < ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT q.id FROM questions q JOIN units u ON u.id = q.unit_id WHERE ${where.join(' AND ')} ORDER BY q.created_at DESC, q.id DESC LIMIT ${size + 1}`,
      params,
    );
    const rows = ids.length ? await this.dataSource.manager.find(QuestionEntity, { where: { id: In(ids.map((r) => r.id)) } }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return toPage(
      ids.map((r) => byId.get(r.id)!),
      size,
      n,
      (q) => ({ sort: q.createdAt.toISOString(), id: q.id }),
    );
  }

  /**
   * Bulk import from CSV (Chinese or English headers) or JSON. Good rows are
   * kept, bad rows are reported with their line (CSV) or index (JSON, from 1)
   * and every problem; all good rows are written in one statement.
   */
  async import(actor: Actor, format: QuestionFileFormat, content: string, unitId?: string | null): Promise<ImportReport> {
    const parsed = parseQuestionFile(format, content);
    const rows: ImportRowReport[] = [];
    const good: { report: ImportRowReport; definition: QuestionDefinition }[] = [];
    for (const row of parsed) {
      const report: ImportRowReport = { line: row.line, status: 'ERROR', questionId: null, problems: [...row.problems] };
      rows.push(report);
      if (report.problems.length) continue;
      const { definition, problems } = defineQuestion(row.data);
      if (!definition) report.problems.push(...problems);
      else good.push({ report, definition });
    }
    await this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, unitId ?? actor.unitId, m, 'unitId');
      if (!good.length) return;
      const values = good.map(({ definition }) => ({ ...this.row(actor, unit, definition), familyId: randomUUID(), version: 1, current: true }));
      const saved = await m.save(QuestionEntity, values.map((v) => m.create(QuestionEntity, v)), { chunk: 500 });
      saved.forEach((q, i) => Object.assign(good[i].report, { status: 'CREATED', questionId: q.id }));
      await this.audit.record(m, actor, [{ action: 'question.import', entityType: 'Question', entityId: null, scopePath: unit.path, after: { created: saved.length, failed: rows.length - saved.length } }]);
    });
    return { created: good.length, failed: rows.length - good.length, rows };
  }

  findByIds(ids: readonly string[]): Promise<QuestionEntity[]> {
    return ids.length ? this.dataSource.manager.find(QuestionEntity, { where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  private valid(data: QuestionData): QuestionDefinition {
    const { definition, problems } = defineQuestion(data);
    if (!definition) throw new BadUserInputException(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    return definition;
  }

  private row(actor: Actor, unit: UnitEntity, d: QuestionDefinition) {
    return { ...d, unitId: unit.id, authorId: hasRole(actor, 'ADMIN', 'TRAINER') && actor.id !== '00000000-0000-0000-0000-000000000000' ? actor.id : null, archivedAt: null };
  }

  private async insert(m: EntityManager, actor: Actor, unit: UnitEntity, d: QuestionDefinition, familyId: string = randomUUID(), version = 1): Promise<QuestionEntity> {
    return m.save(QuestionEntity, m.create(QuestionEntity, { ...this.row(actor, unit, d), familyId, version, current: true }));
  }

  private lockManaged(m: EntityManager, actor: Actor, id: string) {
    return this.loadManaged(m, actor, id, true);
  }

  private async loadManaged(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<{ question: QuestionEntity; unit: UnitEntity }> {
    const { record, unit } = await this.units.requireManaged(actor, m, QuestionEntity, id, { one: 'Question', many: 'the question bank' }, lock);
    return { question: record, unit };
  }

}
