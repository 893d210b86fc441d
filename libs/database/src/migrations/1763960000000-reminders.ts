import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1763960000000 implements MigrationInterface {
  name = 'Reminders1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN acknowledged_at timestamptz`);

    await q.query(`
      CREATE TABLE custom_dates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        name varchar(100) NOT NULL CHECK (btrim(name) <> ''),
        date date NOT NULL,
        yearly boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX custom_dates_unit_idx ON custom_dates (unit_id)`);

    await q.query(`
      CREATE TABLE occasions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind varchar(30) NOT NULL CHECK (kind IN ('WEDDING','FUNERAL','RELATIVE_CELEBRATION','CHILD_STUDIES','MOVING_HOUSE','HOSPITALISATION','WORK_TRANSFER')),
        date date NOT NULL,
        note varchar(500),
        reported_by uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX occasions_user_idx ON occasions (user_id, date DESC)`);

    await q.query(`
      CREATE TABLE reminder_campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
        trigger_kind varchar(10) NOT NULL CHECK (trigger_kind IN ('FESTIVAL','DATE','OCCASION')),
        festival_key varchar(30),
        custom_date_id uuid REFERENCES custom_dates(id) ON DELETE RESTRICT,
        send_date date,
        occasion_kinds text[] NOT NULL DEFAULT '{}',
        days_before integer NOT NULL DEFAULT 0 CHECK (days_before BETWEEN 0 AND 60),
        occasion_offset_days integer CHECK (occasion_offset_days BETWEEN -60 AND 60),
        send_time time NOT NULL DEFAULT '09:00',
        repeat_yearly boolean NOT NULL DEFAULT false,
        channels text[] NOT NULL CHECK (cardinality(channels) > 0 AND channels <@ ARRAY['IN_APP','EMAIL','SMS']::text[]),
        audience_tiers text[] NOT NULL DEFAULT '{}',
        audience_unit_ids uuid[] NOT NULL DEFAULT '{}',
        include_subunits boolean NOT NULL DEFAULT true,
        leading_only boolean NOT NULL DEFAULT false,
        include_spouses boolean NOT NULL DEFAULT false,
        title varchar(200) NOT NULL,
        body_text text NOT NULL,
        body_html text,
        status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SCHEDULED','SENDING','SENT','CANCELLED')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (trigger_kind <> 'FESTIVAL' OR festival_key IS NOT NULL),
        CHECK (trigger_kind <> 'DATE' OR (custom_date_id IS NULL) <> (send_date IS NULL)),
        CHECK (trigger_kind <> 'OCCASION' OR cardinality(occasion_kinds) > 0)
      )`);
    await q.query(`CREATE INDEX reminder_campaigns_unit_idx ON reminder_campaigns (unit_id, created_at DESC)`);
    await q.query(`CREATE INDEX reminder_campaigns_occasion_idx ON reminder_campaigns USING gin (occasion_kinds) WHERE trigger_kind = 'OCCASION' AND status IN ('SCHEDULED','SENDING')`);

    await q.query(`
      CREATE TABLE reminder_occurrences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES reminder_campaigns(id) ON DELETE CASCADE,
        occurrence_key varchar(80) NOT NULL,
        occasion_id uuid REFERENCES occasions(id) ON DELETE SET NULL,
        event_name varchar(100) NOT NULL,
        event_date date NOT NULL,
        send_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        status varchar(10) NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','SENDING','SENT','CANCELLED')),
        fanout_cursor uuid,
        fanout_done boolean NOT NULL DEFAULT false,
        started_at timestamptz,
        finished_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, occurrence_key)
      )`);
    await q.query(`CREATE INDEX reminder_occurrences_open_idx ON reminder_occurrences (campaign_id) WHERE status IN ('SCHEDULED','SENDING')`);

    await q.query(`
      CREATE TABLE reminder_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurrence_id uuid NOT NULL REFERENCES reminder_occurrences(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        recipient varchar(6) NOT NULL CHECK (recipient IN ('CADRE','SPOUSE')),
        channel varchar(6) NOT NULL CHECK (channel IN ('IN_APP','EMAIL','SMS')),
        address varchar(254),
        status varchar(8) NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','SENT','FAILED','SKIPPED')),
        attempts integer NOT NULL DEFAULT 0,
        reason varchar(30),
        last_error text,
        provider_message_id varchar(200),
        notification_id uuid,
        claim_token uuid,
        claimed_at timestamptz,
        sent_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (occurrence_id, user_id, recipient, channel),
        CHECK (status <> 'SENT' OR sent_at IS NOT NULL),
        CHECK (channel = 'IN_APP' OR status = 'SKIPPED' OR address IS NOT NULL)
      )`);
    // what a sender claims next: the open rows of one occurrence and channel, in id order
    await q.query(`CREATE INDEX reminder_deliveries_pending_idx ON reminder_deliveries (occurrence_id, channel, id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX reminder_deliveries_notification_idx ON reminder_deliveries (notification_id) WHERE notification_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reminder_deliveries`);
    await q.query(`DROP TABLE reminder_occurrences`);
    await q.query(`DROP TABLE reminder_campaigns`);
    await q.query(`DROP TABLE occasions`);
    await q.query(`DROP TABLE custom_dates`);
    await q.query(`ALTER TABLE notifications DROP COLUMN acknowledged_at`);
  }
}
