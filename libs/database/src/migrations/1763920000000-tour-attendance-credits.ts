import { MigrationInterface, QueryRunner } from 'typeorm';

export class TourAttendanceCredits1763920000000 implements MigrationInterface {
  name = 'TourAttendanceCredits1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tour_signups ADD COLUMN checked_in_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE tour_signups ADD COLUMN attendance_marked_at timestamptz`);
    await q.query(`ALTER TABLE tour_signups ADD CONSTRAINT tour_signups_checkin_needs_seat CHECK (checked_in_at IS NULL OR status = 'CONFIRMED')`);

    // Class hours a cadre earned, one row per source (a tour attended, later a course or a quiz).
    await q.query(`
      CREATE TABLE class_hour_credits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        source varchar(20) NOT NULL CHECK (source IN ('TOUR','COURSE','QUIZ')),
        source_id uuid NOT NULL,
        title varchar(200) NOT NULL,
        hours numeric(6,2) NOT NULL CHECK (hours > 0),
        earned_at timestamptz NOT NULL,
        year integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT class_hour_credits_once UNIQUE (user_id, source, source_id)
      )`);
    await q.query(`CREATE INDEX class_hour_credits_user_year_idx ON class_hour_credits (user_id, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE class_hour_credits`);
    await q.query(`ALTER TABLE tour_signups DROP CONSTRAINT tour_signups_checkin_needs_seat`);
    await q.query(`ALTER TABLE tour_signups DROP COLUMN attendance_marked_at`);
    await q.query(`ALTER TABLE tour_signups DROP COLUMN checked_in_by`);
  }
}
