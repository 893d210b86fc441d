import { CombinedGraphQLErrors } from '@apollo/client';
import type { TFunction } from 'i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { formatDateTime } from '../../../lib/time';

const KNOWN = new Set([
  'NOT_ELIGIBLE_ORGANISATION',
  'NOT_ELIGIBLE_TIER',
  'NOT_ELIGIBLE_LEADING',
  'NOT_ELIGIBLE_UNITS',
  'ALREADY_SIGNED_UP',
  'TOUR_CANCELLED',
  'TOUR_NOT_OPEN',
  'SIGNUP_NOT_YET_OPEN',
  'SIGNUP_CLOSED',
  'NO_ACTIVE_SIGNUP',
  'CANCEL_CUTOFF_PASSED',
  'NOT_CONFIRMED',
  'ALREADY_CHECKED_IN',
]);

interface RefusalExtensions {
  reason?: string;
  at?: string;
  status?: string | null;
  tiers?: string[];
}

/** The `reason` the API gives with a refused tour action (sign-up, cancellation, check-in code), if any. */
export function refusalReason(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  return (error.errors[0]?.extensions as RefusalExtensions | undefined)?.reason;
}

/**
 * Why the API refused a tour action, said in the cadre's language from the
 * error's `reason` (with its moment, status or tiers); any other problem as
 * the API put it.
 */
export function refusalText(error: unknown, t: TFunction): string {
  if (CombinedGraphQLErrors.is(error)) {
    const ext = (error.errors[0]?.extensions ?? {}) as RefusalExtensions;
    if (ext.reason && KNOWN.has(ext.reason)) {
      return t(`portal:refusals.${ext.reason}`, {
        at: formatDateTime(ext.at),
        status: ext.status ? t(ext.reason === 'TOUR_NOT_OPEN' ? `portal:tours.status.${ext.status}` : `portal:tours.signUp.${ext.status}`) : '',
        tiers: (ext.tiers ?? []).map((tier) => t(`common:tiers.${tier}`)).join(t('portal:refusalTierJoin')),
      });
    }
  }
  return problemText(apiProblem(error), t);
}
