import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763900000000 implements MigrationInterface {
  name = 'Identity1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE units (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL CHECK (btrim(name) <> ''),
        parent_id uuid REFERENCES units(id) ON DELETE RESTRICT,
        path text NOT NULL UNIQUE,
        depth integer NOT NULL CHECK (depth >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (depth = 0))
      )`);
    await q.query(`CREATE UNIQUE INDEX units_sibling_name_uq ON units (parent_id, name) NULLS NOT DISTINCT`);
    await q.query(`CREATE INDEX units_path_prefix_idx ON units (path text_pattern_ops)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(50) NOT NULL CHECK (btrim(name) <> ''),
        phone varchar(20) UNIQUE,
        email varchar(254) UNIQUE CHECK (email = lower(email)),
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT false,
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        roles text[] NOT NULL DEFAULT ARRAY['CADRE']::text[]
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN','TRAINER','CADRE']::text[]),
        tier varchar(20) CHECK (tier IN ('NEW_APPOINTEE','RESERVE','ON_JOB','RETIRED')),
        is_leading boolean NOT NULL DEFAULT false,
        rank varchar(30),
        appointment_date date,
        spouse_name varchar(50),
        spouse_phone varchar(20),
        spouse_email varchar(254),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_login_present CHECK (phone IS NOT NULL OR email IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX users_unit_idx ON users (unit_id)`);
    await q.query(`CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        actor_name varchar(50),
        action varchar(60) NOT NULL,
        entity_type varchar(40) NOT NULL,
        entity_id text,
        scope_path text,
        before jsonb,
        after jsonb,
        request_id varchar(100),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    await q.query(`CREATE INDEX audit_log_scope_idx ON audit_log (scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE units`);
  }
}
