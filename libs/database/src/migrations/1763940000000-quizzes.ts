import { MigrationInterface, QueryRunner } from 'typeorm';

export class Quizzes1763940000000 implements MigrationInterface {
  name = 'Quizzes1763940000000';

  async up(q: QueryRunner): Promise<void> {
    // A question keeps its family id across versions; a version used in a finished attempt is never edited.
    await q.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        current boolean NOT NULL DEFAULT true,
        kind varchar(16) NOT NULL CHECK (kind IN ('SINGLE_CHOICE','MULTIPLE_CHOICE','TRUE_FALSE','FILL_BLANK','SHORT_ANSWER')),
        stem text NOT NULL CHECK (btrim(stem) <> ''),
        options jsonb NOT NULL DEFAULT '[]'::jsonb,
        answer jsonb NOT NULL,
        explanation text NOT NULL DEFAULT '',
        source varchar(300),
        subject varchar(30) NOT NULL,
        difficulty smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
        tags text[] NOT NULL DEFAULT '{}',
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (family_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX questions_one_current ON questions (family_id) WHERE current`);
    await q.query(`CREATE INDEX questions_draw_idx ON questions (unit_id, kind, subject, difficulty) WHERE current AND archived_at IS NULL`);
    await q.query(`CREATE INDEX questions_list_idx ON questions (created_at DESC, id DESC) WHERE current`);

    await q.query(`
      CREATE TABLE quizzes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        mode varchar(8) NOT NULL CHECK (mode IN ('FIXED','DRAW')),
        draw_rules jsonb NOT NULL DEFAULT '[]'::jsonb,
        opens_at timestamptz,
        closes_at timestamptz,
        time_limit_seconds integer CHECK (time_limit_seconds > 0),
        max_attempts integer CHECK (max_attempts > 0),
        min_delay_seconds integer NOT NULL DEFAULT 0 CHECK (min_delay_seconds >= 0),
        pass_mark numeric(5,2) NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
        scoring varchar(8) NOT NULL CHECK (scoring IN ('HIGHEST','LATEST')),
        review_policy varchar(12) NOT NULL CHECK (review_policy IN ('AFTER_SUBMIT','AFTER_CLOSE','NEVER')),
        integrity_exam boolean NOT NULL DEFAULT false,
        class_hours numeric(5,2) NOT NULL DEFAULT 0 CHECK (class_hours >= 0),
        contest boolean NOT NULL DEFAULT false,
        live_ranking boolean NOT NULL DEFAULT false,
        -- who may take it (with subunits); empty: the owning unit's subtree
        audience_unit_ids uuid[] NOT NULL DEFAULT '{}',
        status varchar(10) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quizzes_window CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at),
        CONSTRAINT quizzes_contest_window CHECK (NOT contest OR (opens_at IS NOT NULL AND closes_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX quizzes_unit_idx ON quizzes (unit_id)`);

    await q.query(`
      CREATE TABLE quiz_questions (
        quiz_id uuid NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        position integer NOT NULL,
        points numeric(6,2) NOT NULL DEFAULT 1 CHECK (points > 0),
        PRIMARY KEY (quiz_id, family_id)
      )`);

    await q.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        quiz_id uuid NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        number integer NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('IN_PROGRESS','PENDING_REVIEW','GRADED')),
        started_at timestamptz(3) NOT NULL,
        deadline_at timestamptz(3),
        submitted_at timestamptz(3),
        graded_at timestamptz(3),
        auto_submitted boolean NOT NULL DEFAULT false,
        score numeric(8,2),
        max_score numeric(8,2) NOT NULL,
        percent numeric(5,2),
        passed boolean,
        UNIQUE (quiz_id, user_id, number)
      )`);
    await q.query(`CREATE UNIQUE INDEX quiz_attempts_one_open ON quiz_attempts (quiz_id, user_id) WHERE status = 'IN_PROGRESS'`);
    await q.query(`CREATE INDEX quiz_attempts_user_idx ON quiz_attempts (user_id, quiz_id)`);
    await q.query(`CREATE INDEX quiz_attempts_review_idx ON quiz_attempts (quiz_id) WHERE status = 'PENDING_REVIEW'`);

    await q.query(`
      CREATE TABLE quiz_attempt_items (
        attempt_id uuid NOT NULL REFERENCES quiz_attempts(id) ON DELETE CASCADE,
        position integer NOT NULL,
        question_id uuid NOT NULL REFERENCES questions(id) ON DELETE RESTRICT,
        family_id uuid NOT NULL,
        -- the original option keys in the order shown; shown labels are A, B, C... by position
        option_order jsonb NOT NULL DEFAULT '[]'::jsonb,
        points numeric(6,2) NOT NULL,
        response jsonb,
        save_seq integer NOT NULL DEFAULT 0,
        answered_at timestamptz,
        score numeric(6,2),
        correct boolean,
        reviewer_id uuid REFERENCES users(id) ON DELETE SET NULL,
        review_comment varchar(1000),
        PRIMARY KEY (attempt_id, position)
      )`);
    await q.query(`CREATE INDEX quiz_attempt_items_family_idx ON quiz_attempt_items (family_id)`);
    await q.query(`CREATE INDEX quiz_attempt_items_question_idx ON quiz_attempt_items (question_id)`);

    // integrity commitment letters: the text admins set (versions), and signatures nobody can change
    await q.query(`
      CREATE TABLE commitment_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
        body text NOT NULL CHECK (btrim(body) <> ''),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE commitment_signatures (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE RESTRICT,
        letter_id uuid NOT NULL REFERENCES commitment_letters(id) ON DELETE RESTRICT,
        attempt_id uuid NOT NULL REFERENCES quiz_attempts(id) ON DELETE RESTRICT,
        body text NOT NULL,
        body_sha256 char(64) NOT NULL,
        signed_at timestamptz(3) NOT NULL,
        UNIQUE (user_id, letter_id)
      )`);
    await q.query(`
      CREATE FUNCTION commitment_signatures_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a signed integrity commitment letter cannot be changed or removed' USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER commitment_signatures_no_change BEFORE UPDATE OR DELETE ON commitment_signatures
      FOR EACH ROW EXECUTE FUNCTION commitment_signatures_immutable()`);
    await q.query(`CREATE TRIGGER commitment_letters_no_change BEFORE UPDATE OR DELETE ON commitment_letters FOR EACH ROW EXECUTE FUNCTION commitment_signatures_immutable()`);

    // a QUIZ lesson now points at a real quiz
    await q.query(`UPDATE lessons SET quiz_id = NULL WHERE quiz_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quizzes z WHERE z.id = lessons.quiz_id)`);
    await q.query(`ALTER TABLE lessons ADD CONSTRAINT lessons_quiz_fk FOREIGN KEY (quiz_id) REFERENCES quizzes(id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX lessons_quiz_idx ON lessons (quiz_id) WHERE quiz_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lessons DROP CONSTRAINT lessons_quiz_fk`);
    await q.query(`DROP TABLE commitment_signatures, commitment_letters, quiz_attempt_items, quiz_attempts, quiz_questions, quizzes, questions`);
    await q.query(`DROP FUNCTION commitment_signatures_immutable()`);
  }
}
