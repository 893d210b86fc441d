import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, BadUserInputException, Clock, ConflictException, ForbiddenException, NotFoundException, shanghaiYear } from '@qinglian/common';
import { AppConfig } from '@qinglian/config';
import { MediaService, MediaStatus } from '@qinglian/media';
import { JobName, JobQueue } from '@qinglian/queue';
import { DataSource, EntityManager } from 'typeorm';
import { audienceSql, ME_CTE } from '../audience';
import { CreditReason, LessonKind } from '../course.enums';
import { assessHeartbeat, CreditRules, Heartbeat, PlaybackState, validateHeartbeat } from '../study/heartbeat-credit';

export interface LessonProgressView {
  lessonId: string;
  openedAt: Date;
  completedAt: Date | null;
  /** Seconds of the film really watched (each second once). */
  watchedSeconds: number;
  /** Where playback stopped last. */
  position: number;
  /** The furthest point reached by credited watching; the player does not let the scrubber pass it. */
  furthestPosition: number;
}

export interface CourseProgressView {
  courseId: string;
  requiredLessons: number;
  requiredLessonsDone: number;
  lessonsDone: number;
  completedAt: Date | null;
  /** Stored at completion: later revisions of the course do not change it. */
  classHoursEarned: number | null;
  completedRevision: number | null;
}

export interface VideoSessionView {
  sessionId: string;
  lessonId: string;
  durationSeconds: number;
  playbackUrl: string;
  posterUrl: string | null;
  progress: LessonProgressView;
  /** Seconds of the film that must be watched to complete the lesson. */
  requiredSeconds: number;
}

export interface HeartbeatInput {
  sessionId: string;
  lessonId: string;
  seq: number;
  position: number;
  playbackRate: number;
  visible: boolean;
  idle?: boolean | null;
  clientTime: Date;
}

export interface HeartbeatResult {
  reason: CreditReason;
  creditedSeconds: number;
  progress: LessonProgressView;
  durationSeconds: number;
  lessonCompleted: boolean;
  courseCompleted: boolean;
}

interface VisibleLesson {
  id: string;
  course_id: string;
  kind: LessonKind;
  title: string;
  min_reading_seconds: number | null;
  media_id: string | null;
  duration: number | null;
  media_status: MediaStatus | null;
  poster_key: string | null;
}

const SESSION_HOURS = 12;

/**
 * A cadre's study: opening lessons, honest credit for films watched, lesson
 * and course completion. Every change of one cadre's progress first locks that
 * cadre's study_clocks row, so two tabs (or a replayed request) are handled
 * one after the other and nothing is counted twice.
 */
@Injectable()
export class StudyService {
  private readonly logger = new Logger(StudyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly media: MediaService,
    private readonly jobs: JobQueue,
  ) {}

  /** Opens an ARTICLE, DOCUMENT or QUIZ lesson; a DOCUMENT is complete once opened. */
  async openLesson(actor: Actor, lessonId: string): Promise<{ progress: LessonProgressView; courseCompleted: boolean; documentUrl: string | null }> {
    const now = this.clock.now();
    let documentUrl: string | null = null;
    const outcome = await this.dataSource.transaction(async (m) => {
      await this.lockLearner(m, actor.id);
      const lesson = await this.visibleLesson(m, actor, lessonId);
      if (lesson.kind === LessonKind.VIDEO) throw BadUserInputException.field('lessonId', 'is a film: start it with startVideo');
      await this.ensureProgress(m, actor.id, lesson, now);
      let courseCompleted = false;
      if (lesson.kind === LessonKind.DOCUMENT) {
        documentUrl = this.media.url({ id: lesson.media_id!, posterKey: null }, actor.id, 'content', now.getTime());
        courseCompleted = (await this.completeLesson(m, actor.id, lesson, now)).courseCompleted;
      }
      return { progress: (await this.progressRows(m, actor.id, [lessonId]))[0], courseCompleted, courseId: lesson.course_id };
    });
    if (outcome.courseCompleted) await this.announceCompletion(actor.id, outcome.courseId);
    return { progress: outcome.progress, courseCompleted: outcome.courseCompleted, documentUrl };
  }

  /** Completes an ARTICLE once its minimum reading time has passed since it was opened. */
  async finishReading(actor: Actor, lessonId: string): Promise<{ progress: LessonProgressView; courseCompleted: boolean }> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m) => {
      await this.lockLearner(m, actor.id);
      const lesson = await this.visibleLesson(m, actor, lessonId);
      if (lesson.kind !== LessonKind.ARTICLE) throw BadUserInputException.field('lessonId', `is a ${lesson.kind} lesson, not an article`);
      const [row] = (await m.query(`SELECT opened_at, completed_at FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2`, [actor.id, lessonId])) as {
        opened_at: Date;
        completed_at: Date | null;
      }[];
      if (!row) throw new ConflictException('Open the article first (openLesson), then read it');
      let courseCompleted = false;
      if (!row.completed_at) {
        const readSeconds = (now.getTime() - row.opened_at.getTime()) / 1000;
        const needed = lesson.min_reading_seconds ?? 0;
        if (readSeconds < needed) {
          throw new ConflictException(`Keep reading: ${Math.ceil(needed - readSeconds)} more seconds before this article counts`, {
            secondsLeft: Math.ceil(needed - readSeconds),
          });
        }
        courseCompleted = (await this.completeLesson(m, actor.id, lesson, now)).courseCompleted;
      }
      return { progress: (await this.progressRows(m, actor.id, [lessonId]))[0], courseCompleted, courseId: lesson.course_id };
    });
    if (outcome.courseCompleted) await this.announceCompletion(actor.id, outcome.courseId);
    return { progress: outcome.progress, courseCompleted: outcome.courseCompleted };
  }

  /**
   * Deletes film playback sessions that expired more than a day ago, in
   * batches (nightly, maintenance queue). The credit they earned is kept in
   * lesson progress and the study clock; an expired session only refuses
   * heartbeats, which a day later nobody sends.
   */
  async purgeExpiredVideoSessions(batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM video_sessions WHERE id IN (SELECT id FROM video_sessions WHERE expires_at < $1 LIMIT $2)`,
        [new Date(this.clock.now().getTime() - 24 * 3600_000), batchSize],
      )) as [unknown, number];
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }

  /** Starts a playback of a film: a new session (one per player or tab) and a signed link to the bytes. */
  async startVideo(actor: Actor, lessonId: string): Promise<VideoSessionView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      await this.lockLearner(m, actor.id);
      const lesson = await this.visibleLesson(m, actor, lessonId);
      if (lesson.kind !== LessonKind.VIDEO) throw BadUserInputException.field('lessonId', `is a ${lesson.kind} lesson, not a film`);
      if (lesson.media_status !== MediaStatus.READY || !lesson.duration) throw new ConflictException('The film is not ready to play yet');
      await this.ensureProgress(m, actor.id, lesson, now);
      const [session] = (await m.query(
        `INSERT INTO video_sessions (user_id, lesson_id, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [actor.id, lessonId, now, new Date(now.getTime() + SESSION_HOURS * 3600_000)],
      )) as { id: string }[];
      const asset = { id: lesson.media_id!, posterKey: lesson.poster_key };
      return {
        sessionId: session.id,
        lessonId,
        durationSeconds: lesson.duration,
        playbackUrl: this.media.url(asset, actor.id, 'content', now.getTime())!,
        posterUrl: this.media.url(asset, actor.id, 'poster', now.getTime()),
        progress: (await this.progressRows(m, actor.id, [lessonId]))[0],
        requiredSeconds: this.requiredSeconds(lesson.duration),
      };
    });
  }

  /** Credits the film time one heartbeat proves was watched (see assessHeartbeat for the rules). */
  async heartbeat(actor: Actor, input: HeartbeatInput): Promise<HeartbeatResult> {
    const now = this.clock.now();
    const nowMs = now.getTime();
    const outcome = await this.dataSource.transaction(async (m) => {
      const creditedUntilMs = await this.lockLearner(m, actor.id);
      const [s] = (await m.query(
        `SELECT s.user_id, s.lesson_id, s.last_seq, s.last_position::float AS last_position, s.last_client_ms, s.last_server_at,
                s.last_visible, s.last_idle, s.last_rate::float AS last_rate, s.expires_at,
                l.course_id, l.removed_at, c.status AS course_status, md.duration_seconds::float AS duration
           FROM video_sessions s
           JOIN lessons l ON l.id = s.lesson_id
           JOIN courses c ON c.id = l.course_id
           JOIN media_assets md ON md.id = l.media_id
          WHERE s.id = $1 FOR UPDATE OF s`,
        [input.sessionId],
      )) as SessionRow[];
      if (!s || s.user_id !== actor.id) throw new NotFoundException('Playback session', input.sessionId);
      if (s.lesson_id !== input.lessonId) throw BadUserInputException.field('lessonId', 'is not the lesson of this playback session');
      if (s.removed_at || s.course_status !== 'PUBLISHED') throw new ConflictException('The lesson is no longer part of a published course');
      if (s.expires_at.getTime() < nowMs) throw new ConflictException('The playback session has expired: start the film again');

      const beat: Heartbeat = {
        seq: input.seq,
        position: input.position,
        playbackRate: input.playbackRate,
        visible: input.visible,
        idle: input.idle ?? false,
        clientMs: input.clientTime.getTime(),
      };
      const rules: CreditRules = {
        durationSeconds: s.duration,
        maxCreditedRate: this.config.get('VIDEO_MAX_CREDITED_RATE'),
        maxGapMs: this.config.get('HEARTBEAT_MAX_GAP_SECONDS') * 1000,
      };
      validateHeartbeat(beat, rules, nowMs);
      const prev: PlaybackState | null =
        s.last_seq > 0
          ? {
              seq: s.last_seq,
              position: s.last_position!,
              rate: s.last_rate!,
              visible: s.last_visible!,
              idle: s.last_idle!,
              clientMs: Number(s.last_client_ms),
              serverMs: s.last_server_at!.getTime(),
            }
          : null;
      const assessment = assessHeartbeat(prev, beat, nowMs, creditedUntilMs, rules);
      const lesson = { id: input.lessonId, course_id: s.course_id };
      if (!assessment.accepted) {
        return { reason: assessment.reason, credited: 0, progress: (await this.progressRows(m, actor.id, [lesson.id]))[0], duration: s.duration, lessonCompleted: false, courseCompleted: false, courseId: s.course_id };
      }
      // one round trip: the session's latest heartbeat, and the watched ranges with their new total
      const segment = assessment.segment;
      const [p] = await records<ProgressRow & { before: number }>(
        m,
        `WITH beat AS (
           UPDATE video_sessions SET last_seq = $7, last_position = $3, last_client_ms = $8, last_server_at = $6, last_visible = $9, last_idle = $10, last_rate = $11
            WHERE id = $12
         ), old AS (SELECT watched_seconds AS before_seconds FROM lesson_progress WHERE user_id = $1 AND lesson_id = $2)
         UPDATE lesson_progress p
            SET watched = CASE WHEN $4::numeric IS NULL THEN p.watched ELSE p.watched + nummultirange(numrange($4::numeric, $5::numeric)) END,
                watched_seconds = CASE WHEN $4::numeric IS NULL THEN p.watched_seconds ELSE (
                  SELECT coalesce(sum(upper(r) - lower(r)), 0) FROM unnest(p.watched + nummultirange(numrange($4::numeric, $5::numeric))) r) END,
                position = $3, updated_at = $6
           FROM old
          WHERE p.user_id = $1 AND p.lesson_id = $2
          RETURNING old.before_seconds::float AS before, ${progressColumns('p.')}`,
        [actor.id, lesson.id, beat.position, segment?.from ?? null, segment?.to ?? null, now, beat.seq, beat.clientMs, beat.visible, beat.idle, beat.playbackRate, input.sessionId],
      );
      const progress = toProgress(p);
      const credited = Math.round((progress.watchedSeconds - p.before) * 1000) / 1000;
      let reason = assessment.reason;
      if (segment && credited <= 0) reason = CreditReason.ALREADY_WATCHED;
      if (credited > 0) await m.query(`UPDATE study_clocks SET credited_until = $2 WHERE user_id = $1`, [actor.id, now]);

      let lessonCompleted = false;
      let courseCompleted = false;
      if (!progress.completedAt && progress.watchedSeconds >= this.requiredSeconds(s.duration)) {
        lessonCompleted = true;
        courseCompleted = (await this.completeLesson(m, actor.id, lesson, now)).courseCompleted;
        progress.completedAt = now;
      }
      return { reason, credited, progress, duration: s.duration, lessonCompleted, courseCompleted, courseId: s.course_id };
    });
    if (outcome.courseCompleted) await this.announceCompletion(actor.id, outcome.courseId);
    return {
      reason: outcome.reason,
      creditedSeconds: outcome.credited,
      progress: outcome.progress,
      durationSeconds: outcome.duration,
      lessonCompleted: outcome.lessonCompleted,
      courseCompleted: outcome.courseCompleted,
    };
  }

  /**
   * Completes the QUIZ lessons that use this quiz for a cadre who passed it
   * (called by the quizzes module when an attempt is graded as passed).
   */
  async recordQuizPassed(userId: string, quizId: string): Promise<string[]> {
    const now = this.clock.now();
    const completedCourses = await this.dataSource.transaction(async (m) => {
      await this.lockLearner(m, userId);
      const lessons: VisibleLesson[] = await m.query(
        `WITH ${ME_CTE}
         SELECT l.id, l.course_id, l.kind FROM lessons l JOIN courses c ON c.id = l.course_id CROSS JOIN me
          WHERE l.quiz_id = $2 AND l.removed_at IS NULL AND ${audienceSql('c').visible}`,
        [userId, quizId],
      );
      const done: string[] = [];
      for (const lesson of lessons) {
        await this.ensureProgress(m, userId, lesson, now);
        if ((await this.completeLesson(m, userId, lesson, now)).courseCompleted) done.push(lesson.course_id);
      }
      return done;
    });
    for (const courseId of completedCourses) await this.announceCompletion(userId, courseId);
    return completedCourses;
  }

  // --- reading progress (batched by the API's loaders) ---------------------------

  async lessonProgressOf(userId: string, lessonIds: readonly string[]): Promise<Map<string, LessonProgressView>> {
    const rows = lessonIds.length ? await this.progressRows(this.dataSource.manager, userId, lessonIds) : [];
    return new Map(rows.map((r) => [r.lessonId, r]));
  }

  async courseProgressOf(userId: string, courseIds: readonly string[]): Promise<Map<string, CourseProgressView>> {
    if (!courseIds.length) return new Map();
    const rows: { course_id: string; required: number; required_done: number; done: number; completed_at: Date | null; class_hours: string | null; revision: number | null }[] =
      await this.dataSource.query(
        `SELECT c.id AS course_id,
                count(l.id) FILTER (WHERE NOT l.optional)::int AS required,
                count(l.id) FILTER (WHERE NOT l.optional AND p.completed_at IS NOT NULL)::int AS required_done,
                count(p.completed_at)::int AS done,
                cc.completed_at, cc.class_hours, cc.revision
           FROM unnest($2::uuid[]) AS c(id)
           LEFT JOIN lessons l ON l.course_id = c.id AND l.removed_at IS NULL
           LEFT JOIN lesson_progress p ON p.lesson_id = l.id AND p.user_id = $1
           LEFT JOIN course_completions cc ON cc.course_id = c.id AND cc.user_id = $1
          GROUP BY c.id, cc.completed_at, cc.class_hours, cc.revision`,
        [userId, courseIds],
      );
    return new Map(
      rows.map((r) => [
        r.course_id,
        {
          courseId: r.course_id,
          requiredLessons: r.required,
          requiredLessonsDone: r.required_done,
          lessonsDone: r.done,
          completedAt: r.completed_at,
          classHoursEarned: r.class_hours === null ? null : Number(r.class_hours),
          completedRevision: r.revision,
        },
      ]),
    );
  }

  // --- internals -----------------------------------------------------------------

  private requiredSeconds(duration: number): number {
    return Math.round(duration * this.config.get('VIDEO_COMPLETION_SHARE') * 1000) / 1000;
  }

  /** Serialises all study changes of one cadre; returns the wall-clock time up to which film watching was credited. */
  private async lockLearner(m: EntityManager, userId: string): Promise<number> {
    const [row] = (await m.query(
      `INSERT INTO study_clocks (user_id) VALUES ($1)
       ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id
       RETURNING credited_until`,
      [userId],
    )) as { credited_until: Date | string }[];
    const until = row.credited_until instanceof Date ? row.credited_until.getTime() : Number.NEGATIVE_INFINITY;
    return Number.isNaN(until) ? Number.NEGATIVE_INFINITY : until;
  }

  private async visibleLesson(m: EntityManager, actor: Actor, lessonId: string): Promise<VisibleLesson> {
    const [lesson] = (await m.query(
      `WITH ${ME_CTE}
       SELECT l.id, l.course_id, l.kind, l.title, l.min_reading_seconds, l.media_id, md.duration_seconds::float AS duration, md.status AS media_status, md.poster_key,
              ${audienceSql('c').visible} AS visible
         FROM lessons l JOIN courses c ON c.id = l.course_id CROSS JOIN me
         LEFT JOIN media_assets md ON md.id = l.media_id
        WHERE l.id = $2 AND l.removed_at IS NULL`,
      [actor.id, lessonId],
    )) as (VisibleLesson & { visible: boolean })[];
    if (!lesson) throw new NotFoundException('Lesson', lessonId);
    if (!lesson.visible) throw new ForbiddenException('This lesson belongs to a course that is not published for you');
    return lesson;
  }

  private async ensureProgress(m: EntityManager, userId: string, lesson: Pick<VisibleLesson, 'id' | 'course_id'>, now: Date): Promise<void> {
    await m.query(
      `INSERT INTO lesson_progress (user_id, lesson_id, course_id, opened_at, updated_at) VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (user_id, lesson_id) DO NOTHING`,
      [userId, lesson.id, lesson.course_id, now],
    );
  }

  /**
   * Marks the lesson complete (once) and, when every lesson that is not
   * optional is complete, stores the course completion with the revision and
   * class hours of that moment (once).
   */
  private async completeLesson(m: EntityManager, userId: string, lesson: Pick<VisibleLesson, 'id' | 'course_id'>, now: Date): Promise<{ courseCompleted: boolean }> {
    const updated = await records(
      m,
      `UPDATE lesson_progress SET completed_at = $3, updated_at = $3 WHERE user_id = $1 AND lesson_id = $2 AND completed_at IS NULL RETURNING lesson_id`,
      [userId, lesson.id, now],
    );
    if (!updated.length) return { courseCompleted: false };
    const inserted: unknown[] = await m.query(
      `INSERT INTO course_completions (user_id, course_id, revision, class_hours, completed_at, year)
       SELECT $1, c.id, c.revision, c.class_hours, $3, $4 FROM courses c
        WHERE c.id = $2 AND c.status = 'PUBLISHED'
          AND NOT EXISTS (
            SELECT 1 FROM lessons l
             WHERE l.course_id = c.id AND l.removed_at IS NULL AND NOT l.optional
               AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.user_id = $1 AND p.lesson_id = l.id AND p.completed_at IS NOT NULL))
       ON CONFLICT (user_id, course_id) DO NOTHING
       RETURNING course_id`,
      [userId, lesson.course_id, now, shanghaiYear(now)],
    );
    return { courseCompleted: inserted.length > 0 };
  }

  /** Tells the completion-record queue; the ledger handler re-reads the stored completion, so a repeat is harmless. */
  private async announceCompletion(userId: string, courseId: string): Promise<void> {
    try {
      await this.jobs.add(JobName.COURSE_COMPLETED, { userId, courseId }, { jobId: `course-completed-${userId}-${courseId}` });
    } catch (error) {
      // the completion row is stored; the nightly recompute rebuilds the ledger from it
      this.logger.error({ err: error, userId, courseId }, 'could not enqueue course-completed');
    }
  }

  private async progressRows(m: EntityManager, userId: string, lessonIds: readonly string[]): Promise<LessonProgressView[]> {
    const rows: ProgressRow[] = await m.query(`SELECT ${progressColumns()} FROM lesson_progress WHERE user_id = $1 AND lesson_id = ANY($2::uuid[])`, [userId, lessonIds]);
    return rows.map(toProgress);
  }
}

const progressColumns = (p = '') =>
  `${p}lesson_id, ${p}opened_at, ${p}completed_at, ${p}watched_seconds::float AS watched_seconds, ${p}position::float AS position, upper(${p}watched)::float AS furthest`;

interface ProgressRow {
  lesson_id: string;
  opened_at: Date;
  completed_at: Date | null;
  watched_seconds: number;
  position: number;
  furthest: number | null;
}

function toProgress(r: ProgressRow): LessonProgressView {
  return {
    lessonId: r.lesson_id,
    openedAt: r.opened_at,
    completedAt: r.completed_at,
    watchedSeconds: r.watched_seconds,
    position: r.position,
    furthestPosition: r.furthest ?? 0,
  };
}

/** The rows a statement returned, whatever its kind (TypeORM returns [rows, count] for UPDATE and DELETE). */
async function records<T = Record<string, unknown>>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = m.queryRunner ?? m.connection.createQueryRunner();
  try {
    const result = (await runner.query(sql, params, true)) as { records?: T[] };
    return result.records ?? [];
  } finally {
    if (runner !== m.queryRunner) await runner.release();
  }
}

interface SessionRow {
  user_id: string;
  lesson_id: string;
  last_seq: number;
  last_position: number | null;
  last_client_ms: string | null;
  last_server_at: Date | null;
  last_visible: boolean | null;
  last_idle: boolean | null;
  last_rate: number | null;
  expires_at: Date;
  course_id: string;
  removed_at: Date | null;
  course_status: string;
  duration: number;
}
