/** Who a campaign reaches: active cadres of the campaign's unit subtree, narrowed by tier, unit and leading role. */
export interface AudienceSpec {
  /** The campaign's unit path: nobody outside it is ever reached. */
  scopePath: string;
  tiers: string[];
  unitIds: string[];
  includeSubunits: boolean;
  leadingOnly: boolean;
  /** An occasion reminder goes to the one cadre who reported it. */
  onlyUserId?: string | null;
}

/**
 * The audience condition over `users u JOIN units un ON un.id = u.unit_id`,
 * appending its parameters to `params`. One definition serves the preview's
 * counts and the fan-out, so what the preview says is what goes out.
 */
export function audienceCondition(spec: AudienceSpec, params: unknown[]): string {
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const parts = [`u.active`, `'CADRE' = ANY(u.roles)`, `un.path LIKE ${p(`${spec.scopePath}%`)}`];
  if (spec.tiers.length) parts.push(`u.tier = ANY(${p(spec.tiers)}::text[])`);
  if (spec.unitIds.length) {
    parts.push(
      spec.includeSubunits
        ? `EXISTS (SELECT 1 FROM units au WHERE au.id = ANY(${p(spec.unitIds)}::uuid[]) AND un.path LIKE au.path || '%')`
        : `u.unit_id = ANY(${p(spec.unitIds)}::uuid[])`,
    );
  }
  if (spec.leadingOnly) parts.push(`u.is_leading`);
  if (spec.onlyUserId) parts.push(`u.id = ${p(spec.onlyUserId)}::uuid`);
  return parts.join(' AND ');
}

/** A spouse counts as a recipient when any of their details is on record. */
export const HAS_SPOUSE_SQL = `(u.spouse_name IS NOT NULL OR u.spouse_phone IS NOT NULL OR u.spouse_email IS NOT NULL)`;
