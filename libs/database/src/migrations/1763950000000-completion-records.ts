import { MigrationInterface, QueryRunner } from 'typeorm';

export class CompletionRecords1763950000000 implements MigrationInterface {
  name = 'CompletionRecords1763950000000';

  async up(q: QueryRunner): Promise<void> {
    // what each tier must do in a year (seeded with defaults when a year is first computed; administrators edit them)
    await q.query(`
      CREATE TABLE completion_rules (
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        tier varchar(16) NOT NULL CHECK (tier IN ('NEW_APPOINTEE','RESERVE','ON_JOB','RETIRED')),
        required_hours numeric(6,2) NOT NULL DEFAULT 0 CHECK (required_hours >= 0),
        min_required_course_hours numeric(6,2) NOT NULL DEFAULT 0 CHECK (min_required_course_hours >= 0),
        min_film_hours numeric(6,2) NOT NULL DEFAULT 0 CHECK (min_film_hours >= 0),
        programme_days integer CHECK (programme_days > 0),
        required_course_ids uuid[] NOT NULL DEFAULT '{}',
        require_integrity_exam boolean NOT NULL DEFAULT false,
        require_commitment_letter boolean NOT NULL DEFAULT false,
        carry_over_cap numeric(6,2) NOT NULL DEFAULT 0 CHECK (carry_over_cap >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (year, tier)
      )`);

    await q.query(`
      CREATE TABLE completion_records (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        year integer NOT NULL,
        tier varchar(16) NOT NULL,
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        required_hours numeric(6,2) NOT NULL,
        earned_course numeric(8,2) NOT NULL,
        earned_quiz numeric(8,2) NOT NULL,
        earned_tour numeric(8,2) NOT NULL,
        earned_carry numeric(8,2) NOT NULL,
        earned_total numeric(8,2) NOT NULL,
        required_course_hours numeric(8,2) NOT NULL,
        film_hours numeric(8,2) NOT NULL,
        items_total integer NOT NULL,
        items_done integer NOT NULL,
        missing jsonb NOT NULL,
        status varchar(12) NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','COMPLETED','OVERDUE')),
        due_at timestamptz NOT NULL,
        completed_at timestamptz,
        computed_at timestamptz NOT NULL,
        tier_history jsonb NOT NULL DEFAULT '[]'::jsonb,
        overdue_notified_at timestamptz,
        certificate_code varchar(24) UNIQUE,
        PRIMARY KEY (user_id, year)
      )`);
    await q.query(`CREATE INDEX completion_records_report_idx ON completion_records (year, tier, unit_id)`);
    await q.query(`CREATE INDEX completion_records_status_idx ON completion_records (year, status)`);

    await q.query(`
      CREATE TABLE completion_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL,
        tier varchar(16),
        unit_id uuid REFERENCES units(id) ON DELETE SET NULL,
        status varchar(10) NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING','DONE','FAILED')),
        total integer NOT NULL DEFAULT 0,
        done integer NOT NULL DEFAULT 0,
        error text,
        started_by uuid REFERENCES users(id) ON DELETE SET NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX class_hour_credits_year_user_idx ON class_hour_credits (year, user_id)`);
    await q.query(`CREATE INDEX course_completions_user_idx ON course_completions (user_id, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE completion_runs, completion_records, completion_rules`);
    await q.query(`DROP INDEX class_hour_credits_year_user_idx, course_completions_user_idx`);
  }
}
