import { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1763930000000 implements MigrationInterface {
  name = 'Courses1763930000000';

  async up(q: QueryRunner): Promise<void> {
    // trigram indexes make Chinese substring search (ILIKE '%廉洁%') fast
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE media_assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(12) NOT NULL CHECK (kind IN ('VIDEO','DOCUMENT','IMAGE')),
        status varchar(12) NOT NULL CHECK (status IN ('PROCESSING','READY','FAILED')),
        failure_reason text,
        storage_key varchar(300) NOT NULL UNIQUE,
        content_type varchar(100) NOT NULL,
        original_name varchar(255) NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        duration_seconds numeric(10,3) CHECK (duration_seconds > 0),
        duration_source varchar(10) CHECK (duration_source IN ('PROBE','TRAINER')),
        poster_key varchar(300),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT media_ready_video_has_duration CHECK (kind <> 'VIDEO' OR status <> 'READY' OR duration_seconds IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX media_assets_unit_idx ON media_assets (unit_id)`);

    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL CHECK (btrim(title) <> ''),
        summary text NOT NULL DEFAULT '',
        subject varchar(30) NOT NULL CHECK (subject IN ('PARTY_SPIRIT','PARTY_STYLE','PARTY_DISCIPLINE','LAWS_AND_REGULATIONS','IDEALS_AND_BELIEFS','PROFESSIONAL_ETHICS','FAMILY_VIRTUE','WARNING_CASES')),
        class_hours numeric(5,2) NOT NULL CHECK (class_hours >= 0 AND class_hours <= 999),
        cover_media_id uuid REFERENCES media_assets(id) ON DELETE SET NULL,
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        required_tiers text[] NOT NULL DEFAULT '{}',
        required_unit_ids uuid[] NOT NULL DEFAULT '{}',
        status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
        published_at timestamptz,
        archived_at timestamptz,
        -- millisecond precision, so the keyset cursor (a JavaScript Date) matches stored values exactly
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT courses_published_has_revision CHECK (status = 'DRAFT' OR revision >= 1)
      )`);
    await q.query(`CREATE INDEX courses_unit_idx ON courses (unit_id)`);
    await q.query(`CREATE INDEX courses_list_idx ON courses (status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX courses_search_idx ON courses USING gin ((title || ' ' || summary) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE course_assignments (
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        reason varchar(200),
        assigned_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (course_id, user_id)
      )`);
    await q.query(`CREATE INDEX course_assignments_user_idx ON course_assignments (user_id)`);

    await q.query(`
      CREATE TABLE lessons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        kind varchar(10) NOT NULL CHECK (kind IN ('ARTICLE','VIDEO','DOCUMENT','QUIZ')),
        title varchar(200) NOT NULL CHECK (btrim(title) <> ''),
        optional boolean NOT NULL DEFAULT false,
        body text,
        min_reading_seconds integer CHECK (min_reading_seconds BETWEEN 0 AND 7200),
        media_id uuid REFERENCES media_assets(id) ON DELETE RESTRICT,
        quiz_id uuid,
        -- a lesson removed from a published course is hidden, not deleted: progress on it stays
        removed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT lessons_kind_content CHECK (
          (kind = 'ARTICLE' AND body IS NOT NULL AND media_id IS NULL) OR
          (kind IN ('VIDEO','DOCUMENT') AND media_id IS NOT NULL) OR
          (kind = 'QUIZ' AND media_id IS NULL))
      )`);
    await q.query(`CREATE INDEX lessons_course_idx ON lessons (course_id, position) WHERE removed_at IS NULL`);

    await q.query(`
      CREATE TABLE course_revisions (
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        snapshot jsonb NOT NULL,
        note varchar(500),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (course_id, revision)
      )`);

    await q.query(`
      CREATE TABLE lesson_progress (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        -- the seconds of the film really watched, as a set of ranges: the same second counts once
        watched nummultirange NOT NULL DEFAULT '{}',
        watched_seconds numeric(10,3) NOT NULL DEFAULT 0 CHECK (watched_seconds >= 0),
        position numeric(10,3) NOT NULL DEFAULT 0,
        opened_at timestamptz NOT NULL,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, lesson_id)
      )`);
    await q.query(`CREATE INDEX lesson_progress_course_idx ON lesson_progress (user_id, course_id)`);

    await q.query(`
      CREATE TABLE course_completions (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        course_id uuid NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
        revision integer NOT NULL,
        class_hours numeric(5,2) NOT NULL,
        completed_at timestamptz NOT NULL,
        year integer NOT NULL,
        PRIMARY KEY (user_id, course_id)
      )`);
    await q.query(`CREATE INDEX course_completions_course_idx ON course_completions (course_id)`);

    // one row per player (tab) of a film; heartbeats are numbered within it
    await q.query(`
      CREATE TABLE video_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
        last_seq integer NOT NULL DEFAULT 0,
        last_position numeric(10,3),
        last_client_ms bigint,
        last_server_at timestamptz,
        last_visible boolean,
        last_idle boolean,
        last_rate numeric(6,3),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX video_sessions_expiry_idx ON video_sessions (expires_at)`);

    // wall-clock time up to which a cadre's watching has been credited: one film accrues at a time
    await q.query(`
      CREATE TABLE study_clocks (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        credited_until timestamptz NOT NULL DEFAULT '-infinity'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['study_clocks', 'video_sessions', 'course_completions', 'lesson_progress', 'course_revisions', 'lessons', 'course_assignments', 'courses', 'media_assets']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
