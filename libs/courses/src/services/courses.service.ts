import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@qinglian/audit';
import {
  Actor,
  BadUserInputException,
  Clock,
  ConflictException,
  decodeCursor,
  escapeLike,
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
import { CadreTier, Role, UnitEntity, UnitsService } from '@qinglian/identity';
import { MediaAssetEntity, MediaKind, MediaService, MediaStatus } from '@qinglian/media';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { audienceSql, ME_CTE } from '../audience';
import { CourseStatus, CourseSubject, LessonKind, Requirement } from '../course.enums';
import { CourseAssignmentEntity } from '../entities/course-assignment.entity';
import { CourseEntity } from '../entities/course.entity';
import { LessonEntity } from '../entities/lesson.entity';
import { articleText, defaultReadingSeconds, sanitizeArticle } from '../rich-text';

export interface CourseData {
  title: string;
  summary?: string | null;
  subject: CourseSubject;
  classHours: number;
  coverMediaId?: string | null;
  /** The owning unit; defaults to the author's. */
  unitId?: string | null;
  /** The year the course counts towards; defaults to this year. */
  year?: number | null;
  requiredTiers?: CadreTier[] | null;
  requiredUnitIds?: string[] | null;
}

export interface LessonData {
  kind: LessonKind;
  title: string;
  optional?: boolean | null;
  body?: string | null;
  minReadingSeconds?: number | null;
  mediaId?: string | null;
  quizId?: string | null;
}

export interface CourseFilter {
  keyword?: string | null;
  subject?: CourseSubject | null;
  status?: CourseStatus | null;
  /** Courses required of this tier. */
  tier?: CadreTier | null;
  year?: number | null;
  /** Learners only: required of me, or elective for me. */
  requirement?: Requirement | null;
}

/** A course as one reader sees it: for learners, whether it is required of them and by when. */
export interface CourseView {
  course: CourseEntity;
  requirement: Requirement | null;
  dueAt: Date | null;
}

export interface RevisionView {
  revision: number;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  snapshot: Record<string, unknown>;
}

const EDITABLE = [CourseStatus.DRAFT, CourseStatus.PUBLISHED];

/**
 * Authoring and the catalogue. Trainers and administrators manage the courses
 * of their unit subtree. A draft is edited in place; every edit of a published
 * course (its fields or its lessons) becomes a new numbered revision with a
 * snapshot, while completions already stored keep the revision and hours they
 * were earned with.
 */
@Injectable()
export class CoursesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly media: MediaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // --- authoring ---------------------------------------------------------------

  async create(actor: Actor, data: CourseData): Promise<CourseEntity> {
    return this.dataSource.transaction(async (m) => {
      const unit = await this.units.requireInScope(actor, data.unitId ?? actor.unitId, m, 'unitId');
      const fields = await this.validateCourse(m, actor, unit, data);
      const course = m.create(CourseEntity, {
        ...fields,
        unitId: unit.id,
        authorId: actor.id,
        status: CourseStatus.DRAFT,
        revision: 0,
        publishedAt: null,
        archivedAt: null,
      });
      await m.save(CourseEntity, course);
      await this.audit.record(m, actor, [{ action: 'course.create', entityType: 'Course', entityId: course.id, scopePath: unit.path, after: { title: course.title } }]);
      return course;
    });
  }

  /** Edits a draft in place, or a published course as a new revision. */
  async update(actor: Actor, id: string, data: Partial<CourseData>, note?: string | null): Promise<CourseEntity> {
    return this.edit(actor, id, note, 'course.update', async (m, course, unit) => {
      if (data.unitId && data.unitId !== course.unitId) throw BadUserInputException.field('unitId', 'cannot change: create the course in the other unit instead');
      const fields = await this.validateCourse(m, actor, unit, { ...course, ...stripUndefined(data) } as CourseData);
      Object.assign(course, fields);
      await m.save(CourseEntity, course);
    });
  }

  async publish(actor: Actor, id: string): Promise<CourseEntity> {
    return this.dataSource.transaction(async (m) => {
      const { course, unit } = await this.lockManaged(m, actor, id);
      if (course.status !== CourseStatus.DRAFT) throw new ConflictException(`The course is already ${course.status.toLowerCase()}`);
      const lessons = await this.activeLessons(m, course.id);
      if (!lessons.some((l) => !l.optional)) throw new ConflictException('Add at least one lesson that is not optional before publishing');
      const media = await this.mediaOf(m, lessons);
      for (const lesson of lessons) {
        const film = lesson.kind === LessonKind.VIDEO ? media.get(lesson.mediaId!) : undefined;
        if (film && film.status !== MediaStatus.READY) {
          const message =
            film.status === MediaStatus.FAILED
              ? `Lesson ${lesson.position} 《${lesson.title}》: the film could not be read (${film.failureReason ?? 'unknown reason'}); enter its duration`
              : `Lesson ${lesson.position} 《${lesson.title}》: the film is still being processed`;
          throw new ConflictException(message, { lessonId: lesson.id });
        }
      }
      course.status = CourseStatus.PUBLISHED;
      course.revision = 1;
      course.publishedAt = this.clock.now();
      await m.save(CourseEntity, course);
      await this.snapshot(m, actor, course, lessons, 'published');
      await this.audit.record(m, actor, [{ action: 'course.publish', entityType: 'Course', entityId: course.id, scopePath: unit.path, after: { revision: 1 } }]);
      return course;
    });
  }

  /** Takes a published course out of the catalogue; what cadres earned from it stays. */
  async archive(actor: Actor, id: string): Promise<CourseEntity> {
    return this.dataSource.transaction(async (m) => {
      const { course, unit } = await this.lockManaged(m, actor, id);
      if (course.status !== CourseStatus.PUBLISHED) throw new ConflictException(`Only a published course can be archived; this one is ${course.status.toLowerCase()}`);
      course.status = CourseStatus.ARCHIVED;
      course.archivedAt = this.clock.now();
      await m.save(CourseEntity, course);
      await this.audit.record(m, actor, [{ action: 'course.archive', entityType: 'Course', entityId: course.id, scopePath: unit.path }]);
      return course;
    });
  }

  async addLesson(actor: Actor, courseId: string, data: LessonData, note?: string | null): Promise<LessonEntity> {
    let created!: LessonEntity;
    await this.edit(actor, courseId, note, 'course.lesson.add', async (m, course) => {
      const lessons = await this.activeLessons(m, course.id);
      const fields = await this.validateLesson(m, actor, data);
      created = m.create(LessonEntity, { ...fields, courseId: course.id, position: lessons.length + 1, removedAt: null });
      await m.save(LessonEntity, created);
    });
    return created;
  }

  async updateLesson(actor: Actor, lessonId: string, data: Partial<LessonData>, note?: string | null): Promise<LessonEntity> {
    const lesson = await this.findLesson(lessonId);
    await this.edit(actor, lesson.courseId, note, 'course.lesson.update', async (m) => {
      if (data.kind && data.kind !== lesson.kind) throw BadUserInputException.field('kind', 'cannot change: remove the lesson and add one of the other kind');
      const merged = { ...lesson, ...stripUndefined(data), kind: lesson.kind } as LessonData;
      // a new body gets a new default reading time unless one is given
      if (data.body !== undefined && data.minReadingSeconds === undefined) merged.minReadingSeconds = null;
      Object.assign(lesson, await this.validateLesson(m, actor, merged));
      await m.save(LessonEntity, lesson);
    });
    return lesson;
  }

  /** Removes a lesson: deleted from a draft; hidden (progress kept) in a published course. */
  async removeLesson(actor: Actor, lessonId: string, note?: string | null): Promise<CourseEntity> {
    const lesson = await this.findLesson(lessonId);
    return this.edit(actor, lesson.courseId, note, 'course.lesson.remove', async (m, course) => {
      if (course.status === CourseStatus.DRAFT) await m.delete(LessonEntity, { id: lesson.id });
      else await m.update(LessonEntity, { id: lesson.id }, { removedAt: this.clock.now() });
      await this.renumber(m, course.id, (await this.activeLessons(m, course.id)).map((l) => l.id));
    });
  }

  /** Puts the lessons in the given order; the list must name every lesson of the course once. */
  async reorderLessons(actor: Actor, courseId: string, lessonIds: string[], note?: string | null): Promise<CourseEntity> {
    return this.edit(actor, courseId, note, 'course.lesson.reorder', async (m, course) => {
      const current = (await this.activeLessons(m, course.id)).map((l) => l.id);
      const same = lessonIds.length === current.length && new Set(lessonIds).size === lessonIds.length && lessonIds.every((id) => current.includes(id));
      if (!same) throw BadUserInputException.field('lessonIds', `must list each of the course's ${current.length} lessons exactly once`);
      await this.renumber(m, course.id, lessonIds);
    });
  }

  /** Requires the course of named cadres by a deadline (an individual admonishment programme). */
  async assign(actor: Actor, courseId: string, userIds: string[], dueAt: Date, reason?: string | null): Promise<number> {
    if (userIds.length === 0) throw BadUserInputException.field('userIds', 'must name at least one cadre');
    if (!(dueAt.getTime() > this.clock.now().getTime())) throw BadUserInputException.field('dueAt', 'must be in the future');
    return this.dataSource.transaction(async (m) => {
      const { course, unit } = await this.lockManaged(m, actor, courseId);
      if (course.status === CourseStatus.ARCHIVED) throw new ConflictException('The course is archived');
      const found: { id: string; path: string }[] = await m.query(
        `SELECT u.id, un.path FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ANY($1::uuid[]) AND 'CADRE' = ANY(u.roles) AND u.active`,
        [userIds],
      );
      const missing = userIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw BadUserInputException.field('userIds', `not active cadres: ${missing.join(', ')}`);
      const outside = found.filter((f) => !inScope(actor, f.path));
      if (outside.length) throw new ForbiddenException(`userIds: ${outside.map((o) => o.id).join(', ')} are outside your part of the organisation`);
      await m.query(
        `INSERT INTO course_assignments (course_id, user_id, due_at, reason, assigned_by)
         SELECT $1, unnest($2::uuid[]), $3, $4, $5
         ON CONFLICT (course_id, user_id) DO UPDATE SET due_at = EXCLUDED.due_at, reason = EXCLUDED.reason, assigned_by = EXCLUDED.assigned_by`,
        [course.id, userIds, dueAt, reason ?? null, actor.id],
      );
      await this.audit.record(m, actor, [
        { action: 'course.assign', entityType: 'Course', entityId: course.id, scopePath: unit.path, after: { userIds, dueAt, reason: reason ?? null } },
      ]);
      return userIds.length;
    });
  }

  async unassign(actor: Actor, courseId: string, userId: string): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const { course, unit } = await this.lockManaged(m, actor, courseId);
      const result = await m.delete(CourseAssignmentEntity, { courseId: course.id, userId });
      if (result.affected) {
        await this.audit.record(m, actor, [{ action: 'course.unassign', entityType: 'Course', entityId: course.id, scopePath: unit.path, before: { userId } }]);
      }
      return Boolean(result.affected);
    });
  }

  async assignments(actor: Actor, courseId: string): Promise<CourseAssignmentEntity[]> {
    await this.getManaged(actor, courseId);
    return this.dataSource.manager.find(CourseAssignmentEntity, { where: { courseId }, order: { createdAt: 'ASC' } });
  }

  async revisions(actor: Actor, courseId: string): Promise<RevisionView[]> {
    await this.getManaged(actor, courseId);
    const rows: { revision: number; note: string | null; created_by: string | null; created_at: Date; snapshot: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT revision, note, created_by, created_at, snapshot FROM course_revisions WHERE course_id = $1 ORDER BY revision`,
      [courseId],
    );
    return rows.map((r) => ({ revision: r.revision, note: r.note, createdBy: r.created_by, createdAt: r.created_at, snapshot: r.snapshot }));
  }

  // --- reading -----------------------------------------------------------------

  /** Staff read any course of their subtree; learners read published courses meant for them. */
  async get(actor: Actor, id: string): Promise<CourseView> {
    if (isStaff(actor)) {
      const course = await this.dataSource.manager.findOne(CourseEntity, { where: { id } });
      if (course) {
        const unit = await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: course.unitId });
        if (inScope(actor, unit.path)) return { course, requirement: null, dueAt: null };
      }
    }
    const page = await this.learnerRows(actor, { ids: [id] }, 1, null);
    if (!page.length) throw new NotFoundException('Course', id);
    return page[0];
  }

  /** Staff catalogue: every course of the caller's subtree, any status. */
  async list(actor: Actor, filter: CourseFilter, request: PageRequest): Promise<Page<CourseView>> {
    const size = pageSize(request);
    const params: unknown[] = [actor.scopePath];
    const where = [`starts_with(cu.path, $1)`, ...this.filterSql(filter, params, 'c')];
    if (filter.requirement) throw BadUserInputException.field('requirement', 'applies to myCourses (what is required of you)');
    const total = await this.dataSource.query(`SELECT count(*)::int AS n FROM courses c JOIN units cu ON cu.id = c.unit_id WHERE ${where.join(' AND ')}`, params);
    const keyset = this.keysetSql(request.after, params, 'c');
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM courses c JOIN units cu ON cu.id = c.unit_id
        WHERE ${[...where, ...keyset].join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${size + 1}`,
      params,
    );
    const courses = await this.inOrder(rows.map((r) => r.id));
    return toPage(
      courses.map((course) => ({ course, requirement: null, dueAt: null })),
      size,
      total[0].n,
      (v) => ({ sort: v.course.createdAt.toISOString(), id: v.course.id }),
    );
  }

  /** Learner catalogue: published courses meant for the caller, marked required or elective. */
  async myCourses(actor: Actor, filter: CourseFilter, request: PageRequest): Promise<Page<CourseView>> {
    const size = pageSize(request);
    if (filter.status && filter.status !== CourseStatus.PUBLISHED) throw BadUserInputException.field('status', 'your catalogue holds published courses only');
    const { where, params } = this.learnerWhere(actor, filter);
    const total = await this.dataSource.query(`WITH ${ME_CTE} SELECT count(*)::int AS n FROM courses c CROSS JOIN me WHERE ${where.join(' AND ')}`, params);
    const rows = await this.learnerRows(actor, filter, size + 1, request.after ?? null);
    return toPage(rows, size, total[0].n, (v) => ({ sort: v.course.createdAt.toISOString(), id: v.course.id }));
  }

  /** The lessons of many courses in order (removed ones left out), for batched loading. */
  async lessonsOf(courseIds: readonly string[]): Promise<Map<string, LessonEntity[]>> {
    const rows = courseIds.length
      ? await this.dataSource.manager.find(LessonEntity, { where: { courseId: In([...courseIds]), removedAt: IsNull() }, order: { position: 'ASC' } })
      : [];
    const map = new Map<string, LessonEntity[]>(courseIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.courseId)!.push(row);
    return map;
  }

  findByIds(ids: readonly string[]): Promise<CourseEntity[]> {
    return ids.length ? this.dataSource.manager.find(CourseEntity, { where: { id: In([...ids]) } }) : Promise.resolve([]);
  }

  // --- internals ---------------------------------------------------------------

  private learnerWhere(actor: Actor, filter: CourseFilter & { ids?: string[] }) {
    const params: unknown[] = [actor.id];
    const audience = audienceSql('c');
    const where = [audience.visible, ...this.filterSql({ ...filter, status: null }, params, 'c')];
    if (filter.requirement === Requirement.REQUIRED) where.push(audience.required);
    if (filter.requirement === Requirement.ELECTIVE) where.push(`NOT ${audience.required}`);
    if (filter.ids) {
      params.push(filter.ids);
      where.push(`c.id = ANY($${params.length}::uuid[])`);
    }
    return { where, params, audience };
  }

  private async learnerRows(actor: Actor, filter: CourseFilter & { ids?: string[] }, limit: number, after: string | null): Promise<CourseView[]> {
    const { where, params, audience } = this.learnerWhere(actor, filter);
    const keyset = this.keysetSql(after, params, 'c');
    const rows: { id: string; required: boolean; due_at: Date | null }[] = await this.dataSource.query(
      `WITH ${ME_CTE}
       SELECT c.id, ${audience.required} AS required,
              (SELECT a.due_at FROM course_assignments a WHERE a.course_id = c.id AND a.user_id = me.id) AS due_at
         FROM courses c CROSS JOIN me
        WHERE ${[...where, ...keyset].join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit}`,
      params,
    );
    const courses = await this.inOrder(rows.map((r) => r.id));
    return courses.map((course, i) => ({ course, requirement: rows[i].required ? Requirement.REQUIRED : Requirement.ELECTIVE, dueAt: rows[i].due_at }));
  }

  private filterSql(filter: CourseFilter, params: unknown[], c: string): string[] {
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const keyword = filter.keyword?.trim();
    if (keyword) {
      if (keyword.length > 100) throw BadUserInputException.field('keyword', 'must be at most 100 characters');
      add((p) => `(${c}.title || ' ' || ${c}.summary) ILIKE ${p}`, `%${escapeLike(keyword)}%`);
    }
    if (filter.subject) add((p) => `${c}.subject = ${p}`, filter.subject);
    if (filter.status) add((p) => `${c}.status = ${p}`, filter.status);
    if (filter.tier) add((p) => `${p} = ANY(${c}.required_tiers)`, filter.tier);
    if (filter.year) add((p) => `${c}.year = ${p}`, filter.year);
    return where;
  }

  private keysetSql(after: string | null | undefined, params: unknown[], c: string): string[] {
    if (!after) return [];
    const cursor = decodeCursor(after);
    const at = new Date(cursor.sort);
    if (Number.isNaN(at.getTime())) throw BadUserInputException.field('after', 'is not a cursor returned by this list');
    params.push(at, cursor.id);
    return [`(${c}.created_at, ${c}.id) < ($${params.length - 1}, $${params.length}::uuid)`];
  }

  private async inOrder(ids: string[]): Promise<CourseEntity[]> {
    const found = await this.findByIds(ids);
    const byId = new Map(found.map((c) => [c.id, c]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  private async findLesson(lessonId: string): Promise<LessonEntity> {
    const lesson = await this.dataSource.manager.findOne(LessonEntity, { where: { id: lessonId, removedAt: IsNull() } });
    if (!lesson) throw new NotFoundException('Lesson', lessonId);
    return lesson;
  }

  private async getManaged(actor: Actor, id: string): Promise<{ course: CourseEntity; unit: UnitEntity }> {
    return this.loadManaged(this.dataSource.manager, actor, id, false);
  }

  private lockManaged(m: EntityManager, actor: Actor, id: string) {
    return this.loadManaged(m, actor, id, true);
  }

  private async loadManaged(m: EntityManager, actor: Actor, id: string, lock: boolean): Promise<{ course: CourseEntity; unit: UnitEntity }> {
    const { record, unit } = await this.units.requireManaged(actor, m, CourseEntity, id, { one: 'Course', many: 'courses' }, lock);
    return { course: record, unit };
  }


  /**
   * Runs one edit under the course's row lock. A draft changes in place; a
   * published course gets the next revision with a snapshot of the result.
   */
  private async edit(
    actor: Actor,
    id: string,
    note: string | null | undefined,
    action: string,
    change: (m: EntityManager, course: CourseEntity, unit: UnitEntity) => Promise<void>,
  ): Promise<CourseEntity> {
    if (note && note.length > 500) throw BadUserInputException.field('note', 'must be at most 500 characters');
    return this.dataSource.transaction(async (m) => {
      const { course, unit } = await this.lockManaged(m, actor, id);
      if (!EDITABLE.includes(course.status)) throw new ConflictException('The course is archived and can no longer be edited');
      const before = course.revision;
      await change(m, course, unit);
      if (course.status === CourseStatus.PUBLISHED) {
        course.revision = before + 1;
        await m.update(CourseEntity, { id: course.id }, { revision: course.revision, updatedAt: this.clock.now() });
        await this.snapshot(m, actor, course, await this.activeLessons(m, course.id), note ?? null);
      }
      await this.audit.record(m, actor, [
        { action, entityType: 'Course', entityId: course.id, scopePath: unit.path, after: { revision: course.revision, note: note ?? null } },
      ]);
      return course;
    });
  }

  private async snapshot(m: EntityManager, actor: Actor, course: CourseEntity, lessons: LessonEntity[], note: string | null): Promise<void> {
    const snapshot = {
      title: course.title,
      summary: course.summary,
      subject: course.subject,
      classHours: course.classHours,
      year: course.year,
      requiredTiers: course.requiredTiers,
      requiredUnitIds: course.requiredUnitIds,
      lessons: lessons.map((l) => ({ id: l.id, position: l.position, kind: l.kind, title: l.title, optional: l.optional, body: l.body, minReadingSeconds: l.minReadingSeconds, mediaId: l.mediaId, quizId: l.quizId })),
    };
    await m.query(`INSERT INTO course_revisions (course_id, revision, snapshot, note, created_by) VALUES ($1, $2, $3, $4, $5)`, [
      course.id,
      course.revision,
      JSON.stringify(snapshot),
      note,
      actor.id === '00000000-0000-0000-0000-000000000000' ? null : actor.id,
    ]);
  }

  private activeLessons(m: EntityManager, courseId: string): Promise<LessonEntity[]> {
    return m.find(LessonEntity, { where: { courseId, removedAt: IsNull() }, order: { position: 'ASC' } });
  }

  private async renumber(m: EntityManager, courseId: string, orderedIds: string[]): Promise<void> {
    if (!orderedIds.length) return;
    await m.query(
      `UPDATE lessons l SET position = o.n, updated_at = now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n)
        WHERE l.id = o.id AND l.course_id = $1 AND l.position <> o.n`,
      [courseId, orderedIds],
    );
  }

  private async mediaOf(m: EntityManager, lessons: LessonEntity[]): Promise<Map<string, MediaAssetEntity>> {
    const ids = lessons.map((l) => l.mediaId).filter((id): id is string => Boolean(id));
    const rows = ids.length ? await m.find(MediaAssetEntity, { where: { id: In(ids) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async validateCourse(m: EntityManager, actor: Actor, unit: UnitEntity, data: CourseData) {
    const title = data.title?.trim();
    if (!title) throw BadUserInputException.field('title', 'must not be empty');
    if (title.length > 200) throw BadUserInputException.field('title', 'must be at most 200 characters');
    const summary = (data.summary ?? '').trim();
    if (summary.length > 5000) throw BadUserInputException.field('summary', 'must be at most 5000 characters');
    if (!Object.values(CourseSubject).includes(data.subject)) throw BadUserInputException.field('subject', 'is not a known subject');
    if (!Number.isFinite(data.classHours) || data.classHours < 0 || data.classHours > 999 || Math.round(data.classHours * 100) !== data.classHours * 100) {
      throw BadUserInputException.field('classHours', 'must be between 0 and 999 with at most two decimals (e.g. 0.5)');
    }
    const year = data.year ?? shanghaiYear(this.clock.now());
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw BadUserInputException.field('year', 'must be a year between 2000 and 2100');
    const requiredTiers = [...new Set(data.requiredTiers ?? [])];
    if (requiredTiers.some((t) => !Object.values(CadreTier).includes(t))) throw BadUserInputException.field('requiredTiers', 'holds an unknown tier');
    const requiredUnitIds = [...new Set(data.requiredUnitIds ?? [])];
    if (requiredUnitIds.length > 200) throw BadUserInputException.field('requiredUnitIds', 'must name at most 200 units');
    if (requiredUnitIds.length) {
      const found = await m.find(UnitEntity, { where: { id: In(requiredUnitIds) } });
      const missing = requiredUnitIds.filter((id) => !found.some((u) => u.id === id));
      if (missing.length) throw BadUserInputException.field('requiredUnitIds', `unknown units: ${missing.join(', ')}`);
      const outside = found.filter((u) => !u.path.startsWith(unit.path));
      if (outside.length) throw BadUserInputException.field('requiredUnitIds', `${outside.map((u) => u.name).join(', ')} lie outside the course's unit`);
    }
    if (data.coverMediaId) await this.media.getManaged(actor, data.coverMediaId, MediaKind.IMAGE, 'coverMediaId');
    return { title, summary, subject: data.subject, classHours: data.classHours, year, requiredTiers, requiredUnitIds, coverMediaId: data.coverMediaId ?? null };
  }

  private async validateLesson(m: EntityManager, actor: Actor, data: LessonData) {
    const title = data.title?.trim();
    if (!title) throw BadUserInputException.field('title', 'must not be empty');
    if (title.length > 200) throw BadUserInputException.field('title', 'must be at most 200 characters');
    const only = (field: keyof LessonData, kinds: LessonKind[]) => {
      if (data[field] !== undefined && data[field] !== null && !kinds.includes(data.kind)) {
        throw BadUserInputException.field(field, `applies to ${kinds.join(' and ')} lessons, not ${data.kind}`);
      }
    };
    only('body', [LessonKind.ARTICLE]);
    only('minReadingSeconds', [LessonKind.ARTICLE]);
    only('mediaId', [LessonKind.VIDEO, LessonKind.DOCUMENT]);
    only('quizId', [LessonKind.QUIZ]);
    const fields = { kind: data.kind, title, optional: data.optional ?? false, body: null as string | null, minReadingSeconds: null as number | null, mediaId: null as string | null, quizId: null as string | null };
    switch (data.kind) {
      case LessonKind.ARTICLE: {
        const body = sanitizeArticle(data.body ?? '');
        if (!articleText(body) && !body.includes('<img')) throw BadUserInputException.field('body', 'must hold the article text');
        if (body.length > 200_000) throw BadUserInputException.field('body', 'must be at most 200,000 characters');
        const seconds = data.minReadingSeconds ?? defaultReadingSeconds(body);
        if (!Number.isInteger(seconds) || seconds < 0 || seconds > 7200) throw BadUserInputException.field('minReadingSeconds', 'must be a whole number of seconds up to 7200');
        return { ...fields, body, minReadingSeconds: seconds };
      }
      case LessonKind.VIDEO:
      case LessonKind.DOCUMENT: {
        if (!data.mediaId) throw BadUserInputException.field('mediaId', data.kind === LessonKind.VIDEO ? 'is required: upload the film first' : 'is required: upload the PDF first');
        const kind = data.kind === LessonKind.VIDEO ? MediaKind.VIDEO : MediaKind.DOCUMENT;
        await this.media.getManaged(actor, data.mediaId, kind, 'mediaId');
        return { ...fields, mediaId: data.mediaId };
      }
      case LessonKind.QUIZ: {
        if (!data.quizId) throw BadUserInputException.field('quizId', 'is required: create the quiz first');
        const [quiz] = (await m.query(`SELECT z.status, u.path FROM quizzes z JOIN units u ON u.id = z.unit_id WHERE z.id = $1`, [data.quizId])) as { status: string; path: string }[];
        if (!quiz) throw BadUserInputException.field('quizId', `quiz ${data.quizId} does not exist`);
        if (!inScope(actor, quiz.path)) throw new ForbiddenException(`quizId: quiz ${data.quizId} belongs to a unit outside your part of the organisation`);
        if (quiz.status === 'ARCHIVED') throw BadUserInputException.field('quizId', 'the quiz is archived');
        return { ...fields, quizId: data.quizId };
      }
      default:
        throw BadUserInputException.field('kind', 'is not a known lesson kind');
    }
  }
}

export function isStaff(actor: Actor): boolean {
  return hasRole(actor, Role.ADMIN, Role.TRAINER);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
