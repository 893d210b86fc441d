import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, BadUserInputException, Clock, ConflictException, ForbiddenException, hasRole, inScope, NotFoundException } from '@qinglian/common';
import { UnitEntity } from '@qinglian/identity';
import { JobName, JobQueue } from '@qinglian/queue';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { QuizAttemptEntity } from '../entities/quiz-attempt.entity';
import { QuizEntity } from '../entities/quiz.entity';
import { AnswerKey, isCorrect, QuestionOption, ResponseInput, shownAnswer, shuffled, StoredResponse, toShownResponse, toStoredResponse, OPTION_KEYS } from '../grading/answers';
import { AttemptStatus, QuestionKind, QuizMode, ReviewPolicy } from '../quiz.enums';
import { QuizzesService } from './quizzes.service';

/** One question of an attempt as the cadre sees it; `review` only once the review policy allows. */
export interface AttemptItemView {
  position: number;
  kind: QuestionKind;
  stem: string;
  options: { label: string; text: string }[];
  points: number;
  response: ResponseInput | null;
  answeredAt: Date | null;
  review: ItemReview | null;
}

export interface ItemReview {
  correct: boolean | null;
  score: number | null;
  correctAnswer: string[];
  explanation: string;
  source: string | null;
  comment: string | null;
}

export interface AttemptView {
  attempt: QuizAttemptEntity;
  quiz: QuizEntity;
  items: AttemptItemView[];
  /** Correct answers and explanations are shown. */
  reviewAvailable: boolean;
}

export interface RankingRow {
  rank: number;
  userId: string;
  name: string;
  unitName: string;
  percent: number;
  timeTakenSeconds: number;
}

export interface UnitRankingRow {
  rank: number;
  unitId: string;
  unitName: string;
  participants: number;
  eligible: number;
  participationRate: number;
  averagePercent: number;
}

export interface PendingAnswer {
  attemptId: string;
  position: number;
  userId: string;
  stem: string;
  text: string;
  points: number;
  reference: string | null;
  submittedAt: Date;
}

interface ItemRow {
  position: number;
  question_id: string;
  kind: QuestionKind;
  stem: string;
  options: QuestionOption[];
  answer: AnswerKey;
  explanation: string;
  source: string | null;
  option_order: string[];
  points: number;
  response: StoredResponse | null;
  answered_at: Date | null;
  score: number | null;
  correct: boolean | null;
  review_comment: string | null;
}

const random = () => randomInt(0, 2 ** 32) / 2 ** 32;

/**
 * Attempts: start (questions drawn and options shuffled per attempt), autosave,
 * submit and grading, all on the server. The deadline is enforced here (late
 * answers are refused) and by a delayed BullMQ job that closes and grades an
 * attempt left open. Nothing sent to a cadre carries the answer key or an
 * explanation before the attempt is graded and the review policy allows it.
 */
@Injectable()
export class AttemptsService {
  private readonly logger = new Logger(AttemptsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quizzes: QuizzesService,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  /** Starts an attempt, or returns the one still open. */
  async start(actor: Actor, quizId: string): Promise<AttemptView> {
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m) => {
      // one start at a time per cadre and quiz: the attempt count and delay checks hold under concurrency
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`${quizId}:${actor.id}`]);
      const quiz = await this.quizzes.assertEligible(m, actor, quizId);
      const open = await m.findOne(QuizAttemptEntity, { where: { quizId, userId: actor.id, status: AttemptStatus.IN_PROGRESS } });
      if (open && (!open.deadlineAt || open.deadlineAt > now)) return { attemptId: open.id, created: false, deadline: open.deadlineAt };
      if (open) await this.grade(m, open.id, now, true);

      if (quiz.opensAt && now < quiz.opensAt) throw new ConflictException(`The quiz opens at ${quiz.opensAt.toISOString()}`, { opensAt: quiz.opensAt });
      if (quiz.closesAt && now >= quiz.closesAt) throw new ConflictException(`The quiz closed at ${quiz.closesAt.toISOString()}`, { closesAt: quiz.closesAt });
      const [prior] = (await m.query(
        `SELECT count(*)::int AS n, max(coalesce(submitted_at, started_at)) AS last FROM quiz_attempts WHERE quiz_id = $1 AND user_id = $2`,
        [quizId, actor.id],
      )) as { n: number; last: Date | null }[];
      if (quiz.maxAttempts && prior.n >= quiz.maxAttempts) {
        throw new ConflictException(`You have used all ${quiz.maxAttempts} attempt(s) of this quiz`, { maxAttempts: quiz.maxAttempts });
      }
      if (prior.last && quiz.minDelaySeconds) {
        const next = new Date(prior.last.getTime() + quiz.minDelaySeconds * 1000);
        if (next > now) throw new ConflictException(`Your next attempt is possible from ${next.toISOString()}`, { nextAttemptAt: next });
      }

      const picked = await this.pickQuestions(m, actor, quiz);
      const limit = quiz.timeLimitSeconds ? new Date(now.getTime() + quiz.timeLimitSeconds * 1000) : null;
      const deadline = [limit, quiz.closesAt].filter((d): d is Date => Boolean(d)).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
      const maxScore = picked.reduce((sum, p) => sum + p.points, 0);
      const [attempt] = (await m.query(
        `INSERT INTO quiz_attempts (quiz_id, user_id, number, status, started_at, deadline_at, max_score)
         VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6) RETURNING id`,
        [quizId, actor.id, prior.n + 1, now, deadline, maxScore],
      )) as { id: string }[];
      await m.query(
        `INSERT INTO quiz_attempt_items (attempt_id, position, question_id, family_id, option_order, points)
         SELECT $1, t.n, t.question_id, t.family_id, t.option_order, t.points
           FROM unnest($2::uuid[], $3::uuid[], $4::jsonb[], $5::numeric[]) WITH ORDINALITY AS t(question_id, family_id, option_order, points, n)`,
        [
          attempt.id,
          picked.map((p) => p.id),
          picked.map((p) => p.family_id),
          picked.map((p) => JSON.stringify(shuffled(p.options.map((o) => o.key), random))),
          picked.map((p) => p.points),
        ],
      );
      return { attemptId: attempt.id, created: true, deadline };
    });
    if (outcome.created && outcome.deadline) await this.scheduleClose(outcome.attemptId, outcome.deadline, now);
    return this.view(actor, outcome.attemptId);
  }

  /** Saves one answer (idempotent; a save numbered below the last one saved is ignored). Refused after the deadline. */
  async saveAnswer(actor: Actor, attemptId: string, position: number, input: ResponseInput, seq?: number | null): Promise<AttemptItemView> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
      // one statement reads the attempt (locked against a concurrent submit) and the item
      const [row] = (await m.query(
        `SELECT a.user_id, a.status, a.deadline_at, i.position, i.question_id, q.kind, q.stem, q.options, q.answer, q.explanation, q.source,
                i.option_order, i.points::float AS points, i.response, i.answered_at, i.score::float AS score, i.correct, i.review_comment, i.save_seq,
                (SELECT count(*)::int FROM quiz_attempt_items c WHERE c.attempt_id = a.id) AS item_count
           FROM quiz_attempts a
           LEFT JOIN quiz_attempt_items i ON i.attempt_id = a.id AND i.position = $2
           LEFT JOIN questions q ON q.id = i.question_id
          WHERE a.id = $1
          FOR UPDATE OF a`,
        [attemptId, position],
      )) as (ItemRow & { user_id: string; status: AttemptStatus; deadline_at: Date | null; save_seq: number; item_count: number })[];
      if (!row) throw new NotFoundException('Attempt', attemptId);
      if (row.user_id !== actor.id) throw new ForbiddenException('This is not your attempt');
      if (row.status !== AttemptStatus.IN_PROGRESS) throw new ConflictException('The attempt has been submitted; answers can no longer change');
      if (row.deadline_at && now >= row.deadline_at) throw new ConflictException(`Time is up: the attempt closed at ${row.deadline_at.toISOString()}`, { deadlineAt: row.deadline_at });
      if (row.position === null) throw BadUserInputException.field('position', `is not a question of this attempt (1 to ${row.item_count})`);
      const stored = toStoredResponse(row.kind, row.option_order, input);
      if (seq != null && seq <= row.save_seq) return this.itemView(row, false); // an older autosave arriving late
      await m.query(`UPDATE quiz_attempt_items SET response = $3, answered_at = $4, save_seq = $5 WHERE attempt_id = $1 AND position = $2`, [
        attemptId,
        position,
        JSON.stringify(stored),
        now,
        seq ?? row.save_seq + 1,
      ]);
      return this.itemView({ ...row, response: stored, answered_at: now }, false);
    });
  }

  /**
   * Saves many answers at once (a client flushing what it kept while offline);
   * every answer is checked first, so one bad answer saves none.
   */
  async saveAnswers(actor: Actor, attemptId: string, answers: { position: number; answer: ResponseInput }[]): Promise<number> {
    const now = this.clock.now();
    if (new Set(answers.map((a) => a.position)).size !== answers.length) throw BadUserInputException.field('answers', 'name each position once');
    return this.dataSource.transaction(async (m) => {
      const attempt = await this.lockOwn(m, actor, attemptId);
      if (attempt.status !== AttemptStatus.IN_PROGRESS) throw new ConflictException('The attempt has been submitted; answers can no longer change');
      if (attempt.deadlineAt && now >= attempt.deadlineAt) throw new ConflictException(`Time is up: the attempt closed at ${attempt.deadlineAt.toISOString()}`, { deadlineAt: attempt.deadlineAt });
      const items: { position: number; kind: QuestionKind; option_order: string[] }[] = await m.query(
        `SELECT i.position, q.kind, i.option_order FROM quiz_attempt_items i JOIN questions q ON q.id = i.question_id WHERE i.attempt_id = $1`,
        [attemptId],
      );
      const byPosition = new Map(items.map((i) => [i.position, i]));
      const stored = answers.map(({ position, answer }) => {
        const item = byPosition.get(position);
        if (!item) throw BadUserInputException.field('answers', `position ${position} is not a question of this attempt (1 to ${items.length})`);
        try {
          return JSON.stringify(toStoredResponse(item.kind, item.option_order, answer));
        } catch (error) {
          if (error instanceof BadUserInputException) throw BadUserInputException.field('answers', `position ${position}: ${error.message}`);
          throw error;
        }
      });
      await m.query(
        `UPDATE quiz_attempt_items i SET response = v.response, answered_at = $2, save_seq = i.save_seq + 1
           FROM unnest($3::int[], $4::jsonb[]) AS v(position, response)
          WHERE i.attempt_id = $1 AND i.position = v.position`,
        [attemptId, now, answers.map((a) => a.position), stored],
      );
      return answers.length;
    });
  }

  /** Submits and grades; a second submit (or one racing the first) is refused and counts nothing. */
  async submit(actor: Actor, attemptId: string): Promise<AttemptView> {
    const now = this.clock.now();
    const graded = await this.dataSource.transaction(async (m) => {
      const attempt = await this.lockOwn(m, actor, attemptId);
      if (attempt.status !== AttemptStatus.IN_PROGRESS) throw new ConflictException('The attempt has already been submitted');
      return this.grade(m, attemptId, now, false);
    });
    await this.announceGraded(graded);
    return this.view(actor, attemptId);
  }

  /** The worker's deadline job: closes and grades an attempt still open at its deadline. */
  async closeAtDeadline(attemptId: string): Promise<{ closed: boolean; status?: AttemptStatus }> {
    const now = this.clock.now();
    const graded = await this.dataSource.transaction(async (m) => {
      const attempt = await m.findOne(QuizAttemptEntity, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
      if (!attempt || attempt.status !== AttemptStatus.IN_PROGRESS) return null;
      if (attempt.deadlineAt && attempt.deadlineAt.getTime() > now.getTime() + 1000) {
        throw new Error(`attempt ${attemptId} is due at ${attempt.deadlineAt.toISOString()}, not yet`);
      }
      return this.grade(m, attemptId, now, true);
    });
    if (!graded) return { closed: false };
    await this.announceGraded(graded);
    return { closed: true, status: graded.status };
  }

  /** The cadre's own attempt, or any attempt of a quiz the staff member manages. */
  async view(actor: Actor, attemptId: string): Promise<AttemptView> {
    const attempt = await this.dataSource.manager.findOne(QuizAttemptEntity, { where: { id: attemptId } });
    if (!attempt) throw new NotFoundException('Attempt', attemptId);
    const quiz = await this.dataSource.manager.findOneByOrFail(QuizEntity, { id: attempt.quizId });
    let staff = false;
    if (attempt.userId !== actor.id) {
      const unit = await this.dataSource.manager.findOneByOrFail(UnitEntity, { id: quiz.unitId });
      if (!hasRole(actor, 'ADMIN', 'TRAINER') || !inScope(actor, unit.path)) throw new NotFoundException('Attempt', attemptId);
      staff = true;
    }
    const reviewAvailable = staff || this.reviewAllowed(quiz, attempt);
    const rows = await this.itemRows(this.dataSource.manager, attemptId);
    return { attempt, quiz, reviewAvailable, items: rows.map((r) => this.itemView(r, reviewAvailable)) };
  }

  /** A user's attempts per quiz id (batched for lists). */
  async attemptsOf(userId: string, quizIds: readonly string[]): Promise<Map<string, QuizAttemptEntity[]>> {
    const rows = quizIds.length ? await this.dataSource.manager.find(QuizAttemptEntity, { where: { userId, quizId: In([...quizIds]) }, order: { number: 'ASC' } }) : [];
    const map = new Map<string, QuizAttemptEntity[]>(quizIds.map((id) => [id, []]));
    for (const row of rows) map.get(row.quizId)?.push(row);
    return map;
  }

  async myAttempts(actor: Actor, quizId: string): Promise<QuizAttemptEntity[]> {
    return this.dataSource.manager.find(QuizAttemptEntity, { where: { quizId, userId: actor.id }, order: { number: 'ASC' } });
  }

  // --- trainer grading of short answers --------------------------------------------

  async pendingAnswers(actor: Actor, quizId: string): Promise<PendingAnswer[]> {
    await this.quizzes.managed(actor, quizId);
    const rows: { attempt_id: string; position: number; user_id: string; stem: string; response: StoredResponse | null; points: number; answer: AnswerKey; submitted_at: Date }[] =
      await this.dataSource.query(
        `SELECT i.attempt_id, i.position, a.user_id, q.stem, i.response, i.points::float AS points, q.answer, a.submitted_at
           FROM quiz_attempts a JOIN quiz_attempt_items i ON i.attempt_id = a.id JOIN questions q ON q.id = i.question_id
          WHERE a.quiz_id = $1 AND a.status = 'PENDING_REVIEW' AND q.kind = 'SHORT_ANSWER' AND i.score IS NULL
          ORDER BY a.submitted_at, i.position`,
        [quizId],
      );
    return rows.map((r) => ({
      attemptId: r.attempt_id,
      position: r.position,
      userId: r.user_id,
      stem: r.stem,
      text: r.response?.text ?? '',
      points: r.points,
      reference: (r.answer as { reference: string | null }).reference ?? null,
      submittedAt: r.submitted_at,
    }));
  }

  /** A trainer scores one short answer; when the last one is scored the attempt is graded. */
  async gradeAnswer(actor: Actor, attemptId: string, position: number, score: number, comment?: string | null): Promise<AttemptView> {
    const now = this.clock.now();
    const graded = await this.dataSource.transaction(async (m) => {
      const attempt = await m.findOne(QuizAttemptEntity, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
      if (!attempt) throw new NotFoundException('Attempt', attemptId);
      await this.quizzes.managed(actor, attempt.quizId);
      if (attempt.status !== AttemptStatus.PENDING_REVIEW) throw new ConflictException(`The attempt is ${attempt.status}, not waiting for review`);
      const [item] = (await m.query(
        `SELECT i.points::float AS points, q.kind FROM quiz_attempt_items i JOIN questions q ON q.id = i.question_id WHERE i.attempt_id = $1 AND i.position = $2`,
        [attemptId, position],
      )) as { points: number; kind: QuestionKind }[];
      if (!item) throw BadUserInputException.field('position', 'is not a question of this attempt');
      if (item.kind !== QuestionKind.SHORT_ANSWER) throw BadUserInputException.field('position', 'is not a short answer; it was graded automatically');
      if (!Number.isFinite(score) || score < 0 || score > item.points) throw BadUserInputException.field('score', `must be between 0 and ${item.points}`);
      if (comment && comment.length > 1000) throw BadUserInputException.field('comment', 'must be at most 1000 characters');
      await m.query(
        `UPDATE quiz_attempt_items SET score = $3, correct = $3 >= points, reviewer_id = $4, review_comment = $5 WHERE attempt_id = $1 AND position = $2`,
        [attemptId, position, score, actor.id, comment ?? null],
      );
      return this.finish(m, attemptId, now);
    });
    if (graded) await this.announceGraded(graded);
    return this.view(actor, attemptId);
  }

  // --- contest rankings ----------------------------------------------------------

  /** Individual ranking: score first, then time taken; ties share a rank. Visible to takers after closing, or live if chosen. */
  async rankings(actor: Actor, quizId: string): Promise<{ quiz: QuizEntity; people: RankingRow[]; units: UnitRankingRow[] }> {
    const quiz = await this.quizzes.get(actor, quizId);
    if (!quiz.contest) throw BadUserInputException.field('quizId', 'is not a contest');
    const staff = hasRole(actor, 'ADMIN', 'TRAINER') && (await this.quizzes.managed(actor, quizId).then(() => true).catch(() => false));
    const closed = quiz.closesAt !== null && this.clock.now() >= quiz.closesAt;
    if (!staff && !closed && !quiz.liveRanking) throw new ForbiddenException('The rankings are published when the contest closes');
    const people: (Omit<RankingRow, 'rank'> & { rank: string })[] = await this.dataSource.query(
      `WITH counted AS (
         SELECT DISTINCT ON (a.user_id) a.user_id, a.percent::float AS percent,
                extract(epoch FROM (a.submitted_at - a.started_at))::float AS seconds
           FROM quiz_attempts a
          WHERE a.quiz_id = $1 AND a.status = 'GRADED'
          ORDER BY a.user_id, CASE WHEN $2 = 'HIGHEST' THEN a.percent END DESC NULLS LAST,
                   CASE WHEN $2 = 'HIGHEST' THEN a.submitted_at - a.started_at END ASC, a.number DESC)
       SELECT rank() OVER (ORDER BY c.percent DESC, c.seconds ASC) AS rank, c.user_id AS "userId", u.name, un.name AS "unitName",
              c.percent, round(c.seconds::numeric, 1)::float AS "timeTakenSeconds"
         FROM counted c JOIN users u ON u.id = c.user_id JOIN units un ON un.id = u.unit_id
        ORDER BY 1, u.name`,
      [quizId, quiz.scoring],
    );
    const units: (Omit<UnitRankingRow, 'rank'> & { rank: string })[] = await this.dataSource.query(
      `WITH counted AS (
         SELECT DISTINCT ON (a.user_id) a.user_id, a.percent::float AS percent
           FROM quiz_attempts a WHERE a.quiz_id = $1 AND a.status = 'GRADED'
          ORDER BY a.user_id, CASE WHEN $2 = 'HIGHEST' THEN a.percent END DESC NULLS LAST, a.number DESC),
       scope AS (
         SELECT u.id, u.name, u.path FROM units u, quizzes z
          WHERE z.id = $1 AND (u.id = ANY(z.audience_unit_ids) OR (cardinality(z.audience_unit_ids) = 0 AND u.id = z.unit_id))),
       stats AS (
         SELECT s.id, s.name,
                count(DISTINCT p.id) FILTER (WHERE p.active AND 'CADRE' = ANY(p.roles))::int AS eligible,
                count(c.user_id)::int AS participants,
                coalesce(avg(c.percent), 0)::float AS average
           FROM scope s
           LEFT JOIN units pu ON starts_with(pu.path, s.path)
           LEFT JOIN users p ON p.unit_id = pu.id
           LEFT JOIN counted c ON c.user_id = p.id
          GROUP BY s.id, s.name)
       SELECT rank() OVER (ORDER BY average DESC, participants::float / greatest(eligible, 1) DESC) AS rank,
              id AS "unitId", name AS "unitName", participants, eligible,
              round((participants::numeric / greatest(eligible, 1)) * 100, 1)::float AS "participationRate",
              round(average::numeric, 2)::float AS "averagePercent"
         FROM stats ORDER BY 1, name`,
      [quizId, quiz.scoring],
    );
    return {
      quiz,
      people: people.map((p) => ({ ...p, rank: Number(p.rank) })),
      units: units.map((u) => ({ ...u, rank: Number(u.rank) })),
    };
  }

  // --- internals -----------------------------------------------------------------

  private reviewAllowed(quiz: QuizEntity, attempt: QuizAttemptEntity): boolean {
    if (attempt.status !== AttemptStatus.GRADED) return false;
    switch (quiz.reviewPolicy) {
      case ReviewPolicy.AFTER_SUBMIT:
        return true;
      case ReviewPolicy.AFTER_CLOSE:
        return quiz.closesAt !== null && this.clock.now() >= quiz.closesAt;
      default:
        return false;
    }
  }

  private itemView(r: ItemRow, review: boolean): AttemptItemView {
    const byKey = new Map(r.options.map((o) => [o.key, o.text]));
    return {
      position: r.position,
      kind: r.kind,
      stem: r.stem,
      options: r.option_order.map((key, i) => ({ label: OPTION_KEYS[i], text: byKey.get(key) ?? '' })),
      points: r.points,
      response: toShownResponse(r.response, r.option_order),
      answeredAt: r.answered_at,
      review: review
        ? {
            correct: r.correct,
            score: r.score,
            correctAnswer: shownAnswer(r.kind, r.answer, r.option_order),
            explanation: r.explanation,
            source: r.source,
            comment: r.review_comment,
          }
        : null,
    };
  }

  private itemRows(m: EntityManager, attemptId: string): Promise<ItemRow[]> {
    return m.query(
      `SELECT i.position, i.question_id, q.kind, q.stem, q.options, q.answer, q.explanation, q.source, i.option_order, i.points::float AS points,
              i.response, i.answered_at, i.score::float AS score, i.correct, i.review_comment
         FROM quiz_attempt_items i JOIN questions q ON q.id = i.question_id
        WHERE i.attempt_id = $1 ORDER BY i.position`,
      [attemptId],
    );
  }

  private async lockOwn(m: EntityManager, actor: Actor, attemptId: string): Promise<QuizAttemptEntity> {
    const attempt = await m.findOne(QuizAttemptEntity, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
    if (!attempt) throw new NotFoundException('Attempt', attemptId);
    if (attempt.userId !== actor.id) throw new ForbiddenException('This is not your attempt');
    return attempt;
  }

  /** Picks the attempt's questions: the fixed list, or each draw rule in turn, preferring questions the cadre has not seen. */
  private async pickQuestions(m: EntityManager, actor: Actor, quiz: QuizEntity): Promise<{ id: string; family_id: string; options: QuestionOption[]; points: number }[]> {
    if (quiz.mode === QuizMode.FIXED) {
      const fixed = await this.quizzes.fixedQuestions(m, quiz.id);
      const rows: { id: string; family_id: string; options: QuestionOption[] }[] = await m.query(
        `SELECT q.id, q.family_id, q.options FROM questions q WHERE q.family_id = ANY($1::uuid[]) AND q.current AND q.archived_at IS NULL`,
        [fixed.map((f) => f.family_id)],
      );
      const byFamily = new Map(rows.map((r) => [r.family_id, r]));
      const picked = fixed.filter((f) => byFamily.has(f.family_id)).map((f) => ({ ...byFamily.get(f.family_id)!, points: f.points }));
      if (!picked.length) throw new ConflictException('The quiz has no questions left in the bank');
      return picked;
    }
    const [unit] = await m.query(`SELECT path FROM units WHERE id = $1`, [quiz.unitId]);
    const picked: { id: string; family_id: string; options: QuestionOption[]; points: number }[] = [];
    for (const [i, rule] of quiz.drawRules.entries()) {
      const params: unknown[] = [unit.path, actor.id, picked.map((p) => p.family_id), rule.count];
      const where = [this.quizzes.bankSql('q', '$1'), 'q.family_id <> ALL($3::uuid[])', ...this.quizzes.ruleSql(rule, params, 'q')];
      const rows: { id: string; family_id: string; options: QuestionOption[] }[] = await m.query(
        `SELECT q.id, q.family_id, q.options FROM questions q
          WHERE ${where.join(' AND ')}
          ORDER BY EXISTS (SELECT 1 FROM quiz_attempt_items si JOIN quiz_attempts sa ON sa.id = si.attempt_id
                            WHERE sa.user_id = $2 AND si.family_id = q.family_id), random()
          LIMIT $4`,
        params,
      );
      if (rows.length < rule.count) throw new ConflictException(`The question bank no longer has enough questions for draw rule ${i + 1} (${rows.length} of ${rule.count})`);
      picked.push(...rows.map((r) => ({ ...r, points: rule.points ?? 1 })));
    }
    return picked;
  }

  /** Grades every item that can be graded automatically and closes the attempt (or leaves short answers to a trainer). */
  private async grade(m: EntityManager, attemptId: string, now: Date, auto: boolean): Promise<QuizAttemptEntity> {
    const rows = await this.itemRows(m, attemptId);
    const graded = rows.filter((r) => r.kind !== QuestionKind.SHORT_ANSWER);
    const results = graded.map((r) => {
      const correct = isCorrect(r.kind, r.answer, r.response) ?? false;
      return { position: r.position, correct, score: correct ? r.points : 0 };
    });
    if (results.length) {
      await m.query(
        `UPDATE quiz_attempt_items i SET correct = v.correct, score = v.score
           FROM unnest($2::int[], $3::boolean[], $4::numeric[]) AS v(position, correct, score)
          WHERE i.attempt_id = $1 AND i.position = v.position`,
        [attemptId, results.map((r) => r.position), results.map((r) => r.correct), results.map((r) => r.score)],
      );
    }
    // short answers left blank score 0 at once; written ones wait for a trainer
    await m.query(
      `UPDATE quiz_attempt_items i SET score = 0, correct = false FROM questions q
        WHERE q.id = i.question_id AND i.attempt_id = $1 AND q.kind = 'SHORT_ANSWER' AND coalesce(btrim(i.response->>'text'), '') = ''`,
      [attemptId],
    );
    await m.query(`UPDATE quiz_attempts SET submitted_at = $2, auto_submitted = $3, status = 'PENDING_REVIEW' WHERE id = $1`, [attemptId, now, auto]);
    return (await this.finish(m, attemptId, now)) ?? (await m.findOneByOrFail(QuizAttemptEntity, { id: attemptId }));
  }

  /** When every item has a score: totals, percentage, pass or fail, GRADED. Returns null while short answers wait. */
  private async finish(m: EntityManager, attemptId: string, now: Date): Promise<QuizAttemptEntity | null> {
    const [totals] = (await m.query(
      `SELECT count(*) FILTER (WHERE i.score IS NULL)::int AS waiting, coalesce(sum(i.score), 0)::float AS score FROM quiz_attempt_items i WHERE i.attempt_id = $1`,
      [attemptId],
    )) as { waiting: number; score: number }[];
    if (totals.waiting > 0) return null;
    await m.query(
      `UPDATE quiz_attempts a SET status = 'GRADED', graded_at = $2, score = $3,
              percent = round(CASE WHEN a.max_score > 0 THEN $3 / a.max_score * 100 ELSE 0 END, 2),
              passed = round(CASE WHEN a.max_score > 0 THEN $3 / a.max_score * 100 ELSE 0 END, 2) >= z.pass_mark
         FROM quizzes z WHERE z.id = a.quiz_id AND a.id = $1`,
      [attemptId, now, totals.score],
    );
    return m.findOneByOrFail(QuizAttemptEntity, { id: attemptId });
  }

  private async scheduleClose(attemptId: string, deadline: Date, now: Date): Promise<void> {
    try {
      await this.jobs.add(JobName.CLOSE_QUIZ_ATTEMPT, { attemptId }, { jobId: `close-attempt-${attemptId}`, delay: Math.max(0, deadline.getTime() - now.getTime()) });
    } catch (error) {
      // the deadline still holds for answers; the attempt is graded when the cadre submits or starts again
      this.logger.error({ err: error, attemptId }, 'could not schedule the deadline job');
    }
  }

  /** Graded attempts go to the completion queue (lesson completion, class hours, integrity record). */
  private async announceGraded(attempt: QuizAttemptEntity | null): Promise<void> {
    if (!attempt || attempt.status !== AttemptStatus.GRADED) return;
    try {
      await this.jobs.add(JobName.QUIZ_ATTEMPT_GRADED, { attemptId: attempt.id }, { jobId: `quiz-graded-${attempt.id}` });
    } catch (error) {
      this.logger.error({ err: error, attemptId: attempt.id }, 'could not enqueue quiz-attempt-graded');
    }
  }
}

