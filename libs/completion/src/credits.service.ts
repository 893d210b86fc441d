import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@qinglian/common';
import { DataSource } from 'typeorm';
import { ClassHourCreditEntity, CreditSource } from './class-hour-credit.entity';

export interface HoursSummary {
  year: number;
  total: number;
  credits: ClassHourCreditEntity[];
}

/**
 * The ledger of class hours earned. Handlers re-read the source of truth
 * (the sign-up, later the course or quiz) and make the ledger agree with it,
 * so replaying or reordering events cannot double-count.
 */
@Injectable()
export class CreditsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A tour sign-up marked ATTENDED earns the tour's class hours, dated at the
   * tour's start (Asia/Shanghai year); anything else earns nothing.
   */
  async syncTourAttendance(signUpId: string): Promise<{ hours: number }> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT s.user_id, s.attendance, s.tour_id, t.title, t.class_hours::float AS hours, t.starts_at
           FROM tour_signups s JOIN study_tours t ON t.id = s.tour_id WHERE s.id = $1 FOR SHARE OF s`,
        [signUpId],
      )) as { user_id: string; attendance: string | null; tour_id: string; title: string; hours: number; starts_at: Date }[];
      if (row && row.attendance === 'ATTENDED' && row.hours > 0) {
        await m.query(
          `INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year)
           VALUES ($1, 'TOUR', $2, $3, $4, $5, extract(year FROM $5::timestamptz AT TIME ZONE 'Asia/Shanghai')::int)
           ON CONFLICT (user_id, source, source_id) DO UPDATE
             SET title = EXCLUDED.title, hours = EXCLUDED.hours, earned_at = EXCLUDED.earned_at, year = EXCLUDED.year, updated_at = now()`,
          [row.user_id, row.tour_id, row.title, row.hours, row.starts_at],
        );
        return { hours: row.hours };
      }
      if (row) {
        await m.query(`DELETE FROM class_hour_credits WHERE user_id = $1 AND source = 'TOUR' AND source_id = $2`, [row.user_id, row.tour_id]);
      }
      return { hours: 0 };
    });
  }

  /**
   * A stored course completion earns the class hours stored with it (the
   * course's hours at the revision the cadre finished), dated at completion.
   */
  async syncCourseCompletion(userId: string, courseId: string): Promise<{ hours: number }> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT cc.class_hours::float AS hours, cc.completed_at, cc.year, c.title
           FROM course_completions cc JOIN courses c ON c.id = cc.course_id
          WHERE cc.user_id = $1 AND cc.course_id = $2 FOR SHARE OF cc`,
        [userId, courseId],
      )) as { hours: number; completed_at: Date; year: number; title: string }[];
      if (row && row.hours > 0) {
        await m.query(
          `INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year)
           VALUES ($1, 'COURSE', $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, source, source_id) DO UPDATE
             SET title = EXCLUDED.title, hours = EXCLUDED.hours, earned_at = EXCLUDED.earned_at, year = EXCLUDED.year, updated_at = now()`,
          [userId, courseId, row.title, row.hours, row.completed_at, row.year],
        );
        return { hours: row.hours };
      }
      await m.query(`DELETE FROM class_hour_credits WHERE user_id = $1 AND source = 'COURSE' AND source_id = $2`, [userId, courseId]);
      return { hours: 0 };
    });
  }

  /**
   * A passed quiz that carries class hours earns them once, dated at the first
   * passing grade; the quiz's hours at that moment count.
   */
  async syncQuizPass(userId: string, quizId: string): Promise<{ hours: number }> {
    return this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT z.title, z.class_hours::float AS hours, min(a.graded_at) AS earned_at
           FROM quizzes z JOIN quiz_attempts a ON a.quiz_id = z.id AND a.user_id = $1 AND a.status = 'GRADED' AND a.passed
          WHERE z.id = $2 GROUP BY z.id`,
        [userId, quizId],
      )) as { title: string; hours: number; earned_at: Date }[];
      if (row && row.hours > 0) {
        await m.query(
          `INSERT INTO class_hour_credits (user_id, source, source_id, title, hours, earned_at, year)
           VALUES ($1, 'QUIZ', $2, $3, $4, $5, extract(year FROM $5::timestamptz AT TIME ZONE 'Asia/Shanghai')::int)
           ON CONFLICT (user_id, source, source_id) DO NOTHING`,
          [userId, quizId, row.title, row.hours, row.earned_at],
        );
        return { hours: row.hours };
      }
      return { hours: 0 };
    });
  }

  /** A cadre's hours of one year with the source of each. */
  async summary(actor: Actor, year: number): Promise<HoursSummary> {
    return this.summaryOf(actor.id, year);
  }

  /** The ledgers of many (cadre, year) pairs in one query, keyed `userId:year` (batched for lists; callers check access). */
  async creditsOf(keys: readonly { userId: string; year: number }[]): Promise<Map<string, ClassHourCreditEntity[]>> {
    const map = new Map<string, ClassHourCreditEntity[]>(keys.map((k) => [`${k.userId}:${k.year}`, []]));
    if (!keys.length) return map;
    const rows = await this.dataSource.manager.find(ClassHourCreditEntity, {
      where: keys.map((k) => ({ userId: k.userId, year: k.year })),
      order: { earnedAt: 'ASC', id: 'ASC' },
    });
    for (const c of rows) map.get(`${c.userId}:${c.year}`)?.push(c);
    return map;
  }

  /** The ledger of one cadre and year (callers check access). */
  async summaryOf(userId: string, year: number): Promise<HoursSummary> {
    const credits = await this.dataSource.manager.find(ClassHourCreditEntity, {
      where: { userId, year },
      order: { earnedAt: 'ASC', id: 'ASC' },
    });
    const total = Math.round(credits.reduce((sum, c) => sum + c.hours, 0) * 100) / 100;
    return { year, total, credits };
  }
}

export { CreditSource };
