/**
 * Who a published course is for: the one definition used by the catalogue,
 * by single-course reads and by study actions. The expressions read a `me`
 * row (the learner's id, unit path and tier) joined into the query.
 *
 * - visible: published, and owned by the learner's unit or one above it, or
 *   assigned to the learner by name;
 * - required: assigned by name, or targeted (some tiers and/or units set) and
 *   the learner matches every part that is set. Everything else is elective.
 */
export const ME_CTE = `me AS (
  SELECT u.id, u.tier, un.path FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1
)`;

export function audienceSql(c: string, me = 'me') {
  const assigned = `EXISTS (SELECT 1 FROM course_assignments a WHERE a.course_id = ${c}.id AND a.user_id = ${me}.id)`;
  const inOwner = `EXISTS (SELECT 1 FROM units cu WHERE cu.id = ${c}.unit_id AND starts_with(${me}.path, cu.path))`;
  const tierMatches = `(cardinality(${c}.required_tiers) = 0 OR ${me}.tier = ANY(${c}.required_tiers))`;
  const unitMatches = `(cardinality(${c}.required_unit_ids) = 0 OR EXISTS (SELECT 1 FROM units ru WHERE ru.id = ANY(${c}.required_unit_ids) AND starts_with(${me}.path, ru.path)))`;
  const targeted = `(cardinality(${c}.required_tiers) + cardinality(${c}.required_unit_ids) > 0 AND ${tierMatches} AND ${unitMatches})`;
  return {
    visible: `(${c}.status = 'PUBLISHED' AND (${assigned} OR ${inOwner}))`,
    required: `(${assigned} OR ${targeted})`,
    /** The parts that depend only on the learner's unit and tier (no user id), for set-based use over groups of learners. */
    visibleByUnit: `(${c}.status = 'PUBLISHED' AND ${inOwner})`,
    targeted,
    assigned,
  };
}
