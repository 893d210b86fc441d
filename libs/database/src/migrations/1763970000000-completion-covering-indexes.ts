import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The completion recompute reads a batch of cadres' class-hour credits and
 * course completions. With the summed columns in the index, PostgreSQL reads
 * them from the index (in cadre order) instead of visiting a heap page per row.
 */
export class CompletionCoveringIndexes1763970000000 implements MigrationInterface {
  name = 'CompletionCoveringIndexes1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX class_hour_credits_user_year_idx`);
    await q.query(`CREATE INDEX class_hour_credits_user_year_idx ON class_hour_credits (user_id, year) INCLUDE (source, hours)`);
    await q.query(`DROP INDEX course_completions_user_idx`);
    await q.query(`CREATE INDEX course_completions_user_idx ON course_completions (user_id, year) INCLUDE (course_id, class_hours)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX class_hour_credits_user_year_idx, course_completions_user_idx`);
    await q.query(`CREATE INDEX class_hour_credits_user_year_idx ON class_hour_credits (user_id, year)`);
    await q.query(`CREATE INDEX course_completions_user_idx ON course_completions (user_id, year)`);
  }
}
