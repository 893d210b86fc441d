import { MigrationInterface, QueryRunner } from 'typeorm';

export class StudyTours1763910000000 implements MigrationInterface {
  name = 'StudyTours1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(40) NOT NULL,
        title varchar(200) NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        read_at timestamptz,
        -- millisecond precision, so the keyset cursor (a JavaScript Date) matches stored values exactly
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`);

    await q.query(`
      CREATE TABLE study_tours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL CHECK (btrim(title) <> ''),
        kind varchar(30) NOT NULL CHECK (kind IN ('WARNING_EDUCATION_BASE','ADVANCED_MODEL_STUDY','REVOLUTIONARY_SITE','OTHER')),
        destination varchar(200) NOT NULL,
        meeting_point varchar(200),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer NOT NULL CHECK (capacity > 0),
        confirmed_count integer NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
        signup_opens_at timestamptz NOT NULL,
        signup_closes_at timestamptz NOT NULL,
        cancel_cutoff_at timestamptz NOT NULL,
        eligible_tiers text[] NOT NULL DEFAULT '{}',
        eligible_unit_ids uuid[] NOT NULL DEFAULT '{}',
        leading_only boolean NOT NULL DEFAULT false,
        class_hours numeric(5,2) NOT NULL DEFAULT 0 CHECK (class_hours >= 0),
        approval_required boolean NOT NULL DEFAULT false,
        status varchar(12) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','OPEN','CLOSED','CANCELLED','DONE')),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT study_tours_dates CHECK (ends_at > starts_at AND signup_closes_at > signup_opens_at AND signup_closes_at <= starts_at AND cancel_cutoff_at <= starts_at),
        CONSTRAINT study_tours_never_overbooked CHECK (confirmed_count <= capacity)
      )`);
    await q.query(`CREATE INDEX study_tours_unit_idx ON study_tours (unit_id)`);
    await q.query(`CREATE INDEX study_tours_starts_idx ON study_tours (starts_at, id)`);

    await q.query(`CREATE SEQUENCE tour_signup_arrival_seq`);
    await q.query(`
      CREATE TABLE tour_signups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tour_id uuid NOT NULL REFERENCES study_tours(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status varchar(12) NOT NULL CHECK (status IN ('PENDING','CONFIRMED','WAITLISTED','CANCELLED','REMOVED','REJECTED')),
        arrival bigint NOT NULL DEFAULT nextval('tour_signup_arrival_seq'),
        attendance varchar(10) CHECK (attendance IN ('ATTENDED','NO_SHOW')),
        checked_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tour_signups_once UNIQUE (tour_id, user_id)
      )`);
    await q.query(`CREATE INDEX tour_signups_waitlist_idx ON tour_signups (tour_id, arrival) WHERE status = 'WAITLISTED'`);
    await q.query(`CREATE INDEX tour_signups_user_idx ON tour_signups (user_id)`);

    // The invariant, checked by the database itself: a tour's counter equals its confirmed sign-ups.
    await q.query(`
      CREATE FUNCTION tour_seats_consistent() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        t uuid;
        counted integer;
        stored integer;
      BEGIN
        IF TG_TABLE_NAME = 'study_tours' THEN t := NEW.id; ELSE t := COALESCE(NEW.tour_id, OLD.tour_id); END IF;
        SELECT count(*) INTO counted FROM tour_signups WHERE tour_id = t AND status = 'CONFIRMED';
        SELECT confirmed_count INTO stored FROM study_tours WHERE id = t;
        IF stored IS NOT NULL AND counted <> stored THEN
          RAISE EXCEPTION 'study tour % has % confirmed sign-ups but counts %', t, counted, stored USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER tour_signups_seats_consistent
        AFTER INSERT OR UPDATE OF status OR DELETE ON tour_signups
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tour_seats_consistent()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER study_tours_counter_consistent
        AFTER UPDATE OF confirmed_count ON study_tours
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tour_seats_consistent()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tour_signups`);
    await q.query(`DROP FUNCTION tour_seats_consistent()`);
    await q.query(`DROP SEQUENCE tour_signup_arrival_seq`);
    await q.query(`DROP TABLE study_tours`);
    await q.query(`DROP TABLE notifications`);
  }
}
