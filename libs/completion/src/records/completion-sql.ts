import { audienceSql } from '@qinglian/courses';

/**
 * The one definition of a completion record, as one statement over a set of
 * cadres ($2: user ids) for a year ($1), at a time ($3). The incremental path
 * (one cadre after a learning event) and the full recompute (batches of
 * thousands) run exactly this statement; only the size of $2 differs.
 *
 * - required hours and the other targets come from the tier's rule of the year;
 * - earned hours are the class-hour ledger of the year by source, plus the
 *   surplus of last year's record above its requirement (carry-over), capped
 *   by this year's rule;
 * - required items: published courses of the year required of the cadre (the
 *   same audience definition as the catalogue, individual assignments
 *   included), the rule's course set, a passed integrity exam and a signed
 *   commitment letter when the rule asks for them;
 * - due: the appointment date plus the programme's days (new appointees), else
 *   the end of the year (Asia/Shanghai); an assigned course has its own deadline;
 * - status: COMPLETED when every target and item is met; OVERDUE when not and
 *   past due (or an assigned course is past its deadline); NOT_STARTED with
 *   nothing earned or done; IN_PROGRESS otherwise.
 * The record keeps the tier it was computed for and a history of changes.
 */
export function computeRecordsSql(): string {
  // the catalogue's audience definition, applied to groups of cadres sharing a unit and a tier
  const group = audienceSql('c', 'g');
  const yearStart = `make_timestamptz($1, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;
  const nextYear = `make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;
  return `
WITH me AS (
  SELECT u.id, u.tier, un.path, u.unit_id, u.appointment_date
    FROM users u JOIN units un ON un.id = u.unit_id
   WHERE u.id = ANY($2::uuid[]) AND u.active AND 'CADRE' = ANY(u.roles) AND u.tier IS NOT NULL
),
rule AS (
  SELECT me.id AS user_id, cr.* FROM me JOIN completion_rules cr ON cr.year = $1 AND cr.tier = me.tier
),
credit AS (
  SELECT c.user_id,
         coalesce(sum(c.hours) FILTER (WHERE c.source = 'COURSE'), 0) AS course,
         coalesce(sum(c.hours) FILTER (WHERE c.source = 'QUIZ'), 0) AS quiz,
         coalesce(sum(c.hours) FILTER (WHERE c.source = 'TOUR'), 0) AS tour
    FROM class_hour_credits c
   WHERE c.year = $1 AND c.user_id = ANY($2::uuid[])
   GROUP BY c.user_id
),
carry AS (
  SELECT p.user_id, least(greatest(p.earned_total - p.earned_carry - p.required_hours, 0), rule.carry_over_cap) AS hours
    FROM completion_records p JOIN rule ON rule.user_id = p.user_id
   WHERE p.year = $1 - 1
),
-- the audience depends on unit and tier only, except assignments: evaluate it once per (unit, tier) of the batch
groups AS (
  SELECT DISTINCT me.tier, me.path FROM me
),
group_required AS (
  SELECT g.tier, g.path, c.id AS course_id, c.title
    FROM groups g JOIN courses c ON c.year = $1 AND ${group.visibleByUnit} AND ${group.targeted}
),
required AS (
  SELECT DISTINCT ON (x.user_id, x.course_id) x.user_id, x.course_id, x.title, a.due_at
    FROM (
      SELECT me.id AS user_id, gr.course_id, gr.title FROM me JOIN group_required gr ON gr.tier = me.tier AND gr.path = me.path
      UNION ALL
      SELECT a.user_id, c.id, c.title FROM course_assignments a JOIN courses c ON c.id = a.course_id AND c.year = $1 AND c.status = 'PUBLISHED'
       WHERE a.user_id = ANY($2::uuid[])
      UNION ALL
      SELECT rule.user_id, c.id, c.title FROM rule JOIN courses c ON c.id = ANY(rule.required_course_ids) AND c.status = 'PUBLISHED'
    ) x
    LEFT JOIN course_assignments a ON a.course_id = x.course_id AND a.user_id = x.user_id
   ORDER BY x.user_id, x.course_id
),
required_done AS (
  SELECT q.user_id,
         count(*)::int AS total,
         count(cc.course_id)::int AS done,
         coalesce(sum(cc.class_hours), 0) AS hours,
         coalesce(jsonb_agg(jsonb_build_object('type', 'COURSE', 'id', q.course_id, 'title', q.title, 'dueAt', q.due_at) ORDER BY q.title)
                  FILTER (WHERE cc.course_id IS NULL), '[]'::jsonb) AS missing,
         coalesce(bool_or(cc.course_id IS NULL AND q.due_at < $3), false) AS late
    FROM required q
    LEFT JOIN course_completions cc ON cc.user_id = q.user_id AND cc.course_id = q.course_id AND cc.user_id = ANY($2::uuid[])
   GROUP BY q.user_id
),
film AS (
  SELECT p.user_id, sum(p.watched_seconds) / 3600.0 AS hours
    FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id AND l.kind = 'VIDEO'
   WHERE p.user_id = ANY($2::uuid[]) AND p.updated_at >= ${yearStart} AND p.updated_at < ${nextYear}
   GROUP BY p.user_id
),
exam AS (
  SELECT DISTINCT a.user_id FROM quiz_attempts a JOIN quizzes z ON z.id = a.quiz_id AND z.integrity_exam
   WHERE a.user_id = ANY($2::uuid[]) AND a.status = 'GRADED' AND a.passed
),
letter AS (
  SELECT DISTINCT s.user_id FROM commitment_signatures s WHERE s.user_id = ANY($2::uuid[])
),
calc AS (
  SELECT me.id AS user_id, me.tier, me.unit_id,
         coalesce(rule.required_hours, 0) AS required_hours,
         coalesce(credit.course, 0) AS earned_course,
         coalesce(credit.quiz, 0) AS earned_quiz,
         coalesce(credit.tour, 0) AS earned_tour,
         coalesce(carry.hours, 0) AS earned_carry,
         coalesce(credit.course, 0) + coalesce(credit.quiz, 0) + coalesce(credit.tour, 0) + coalesce(carry.hours, 0) AS earned_total,
         coalesce(rd.hours, 0) AS required_course_hours,
         round(coalesce(film.hours, 0), 2) AS film_hours,
         coalesce(rd.total, 0) + coalesce(rule.require_integrity_exam, false)::int + coalesce(rule.require_commitment_letter, false)::int AS items_total,
         coalesce(rd.done, 0) + (coalesce(rule.require_integrity_exam, false) AND exam.user_id IS NOT NULL)::int
           + (coalesce(rule.require_commitment_letter, false) AND letter.user_id IS NOT NULL)::int AS items_done,
         coalesce(rd.missing, '[]'::jsonb)
           || CASE WHEN rule.require_integrity_exam AND exam.user_id IS NULL THEN '[{"type":"INTEGRITY_EXAM","title":"廉政法规知识考试"}]'::jsonb ELSE '[]'::jsonb END
           || CASE WHEN rule.require_commitment_letter AND letter.user_id IS NULL THEN '[{"type":"COMMITMENT_LETTER","title":"廉政承诺书"}]'::jsonb ELSE '[]'::jsonb END AS missing,
         coalesce(rule.min_required_course_hours, 0) AS min_required_course_hours,
         coalesce(rule.min_film_hours, 0) AS min_film_hours,
         CASE WHEN rule.programme_days IS NOT NULL AND me.appointment_date IS NOT NULL
              THEN ((me.appointment_date + rule.programme_days)::timestamp + interval '1 day' - interval '1 second') AT TIME ZONE 'Asia/Shanghai'
              ELSE ${nextYear} - interval '1 second' END AS due_at,
         coalesce(rd.late, false) AS late
    FROM me
    LEFT JOIN rule ON rule.user_id = me.id
    LEFT JOIN credit ON credit.user_id = me.id
    LEFT JOIN carry ON carry.user_id = me.id
    LEFT JOIN required_done rd ON rd.user_id = me.id
    LEFT JOIN film ON film.user_id = me.id
    LEFT JOIN exam ON exam.user_id = me.id
    LEFT JOIN letter ON letter.user_id = me.id
),
judged AS (
  SELECT calc.*,
         CASE WHEN earned_total >= required_hours AND required_course_hours >= min_required_course_hours
                   AND film_hours >= min_film_hours AND items_done = items_total THEN 'COMPLETED'
              WHEN $3 > due_at OR late THEN 'OVERDUE'
              WHEN earned_total = 0 AND items_done = 0 THEN 'NOT_STARTED'
              ELSE 'IN_PROGRESS' END AS status
    FROM calc
)
INSERT INTO completion_records AS cr (user_id, year, tier, unit_id, required_hours, earned_course, earned_quiz, earned_tour, earned_carry, earned_total,
                                      required_course_hours, film_hours, items_total, items_done, missing, status, due_at, completed_at, computed_at, certificate_code)
SELECT user_id, $1, tier, unit_id, required_hours, earned_course, earned_quiz, earned_tour, earned_carry, earned_total,
       required_course_hours, film_hours, items_total, items_done, missing, status, due_at,
       CASE WHEN status = 'COMPLETED' THEN $3 END, $3,
       CASE WHEN status = 'COMPLETED' THEN upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)) END
  FROM judged
ON CONFLICT (user_id, year) DO UPDATE SET
  tier = EXCLUDED.tier,
  unit_id = EXCLUDED.unit_id,
  required_hours = EXCLUDED.required_hours,
  earned_course = EXCLUDED.earned_course,
  earned_quiz = EXCLUDED.earned_quiz,
  earned_tour = EXCLUDED.earned_tour,
  earned_carry = EXCLUDED.earned_carry,
  earned_total = EXCLUDED.earned_total,
  required_course_hours = EXCLUDED.required_course_hours,
  film_hours = EXCLUDED.film_hours,
  items_total = EXCLUDED.items_total,
  items_done = EXCLUDED.items_done,
  missing = EXCLUDED.missing,
  status = EXCLUDED.status,
  due_at = EXCLUDED.due_at,
  completed_at = CASE WHEN EXCLUDED.status = 'COMPLETED' THEN coalesce(cr.completed_at, EXCLUDED.computed_at) END,
  computed_at = EXCLUDED.computed_at,
  certificate_code = coalesce(cr.certificate_code, EXCLUDED.certificate_code),
  tier_history = CASE WHEN cr.tier <> EXCLUDED.tier
                      THEN cr.tier_history || jsonb_build_array(jsonb_build_object('from', cr.tier, 'to', EXCLUDED.tier, 'at', EXCLUDED.computed_at))
                      ELSE cr.tier_history END`;
}

/** Marks newly overdue records of these cadres and tells each cadre and the administrators of their unit, once. */
export const NOTIFY_OVERDUE_SQL = `
WITH newly AS (
  UPDATE completion_records r SET overdue_notified_at = $3
   WHERE r.year = $1 AND r.user_id = ANY($2::uuid[]) AND r.status = 'OVERDUE' AND r.overdue_notified_at IS NULL
  RETURNING r.user_id, r.unit_id, r.year, r.earned_total, r.required_hours
)
INSERT INTO notifications (user_id, kind, title, body, data)
SELECT n.user_id, 'COMPLETION_OVERDUE', n.year || '年度学习任务已逾期',
       '您' || n.year || '年度的学习任务已超过完成期限（已获 ' || n.earned_total || ' 学时，要求 ' || n.required_hours || ' 学时），请尽快完成。',
       jsonb_build_object('year', n.year)
  FROM newly n
UNION ALL
SELECT a.id, 'COMPLETION_OVERDUE_UNIT', u.name || ' 的' || n.year || '年度学习任务已逾期',
       u.name || '（' || un.name || '）' || n.year || '年度的学习任务已逾期：已获 ' || n.earned_total || ' 学时，要求 ' || n.required_hours || ' 学时。',
       jsonb_build_object('year', n.year, 'userId', n.user_id)
  FROM newly n
  JOIN users u ON u.id = n.user_id
  JOIN units un ON un.id = n.unit_id
  JOIN users a ON a.unit_id = n.unit_id AND 'ADMIN' = ANY(a.roles) AND a.active`;
