export enum TourKind {
  WARNING_EDUCATION_BASE = 'WARNING_EDUCATION_BASE',
  ADVANCED_MODEL_STUDY = 'ADVANCED_MODEL_STUDY',
  REVOLUTIONARY_SITE = 'REVOLUTIONARY_SITE',
  OTHER = 'OTHER',
}

export enum TourStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
  DONE = 'DONE',
}

export enum SignUpStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  REMOVED = 'REMOVED',
  REJECTED = 'REJECTED',
}

/** Sign-ups that still hold a place (a seat, a waitlist position or a pending request). */
export const ACTIVE_SIGNUP_STATUSES = [SignUpStatus.PENDING, SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED];

/**
 * Why a cadre's tour action was refused: `extensions.reason` of the error, next
 * to its code (with `at`, `status` or `tiers` where they explain it), so a
 * client can say it in the cadre's language.
 */
export enum TourRefusal {
  NOT_ELIGIBLE_ORGANISATION = 'NOT_ELIGIBLE_ORGANISATION',
  NOT_ELIGIBLE_TIER = 'NOT_ELIGIBLE_TIER',
  NOT_ELIGIBLE_LEADING = 'NOT_ELIGIBLE_LEADING',
  NOT_ELIGIBLE_UNITS = 'NOT_ELIGIBLE_UNITS',
  ALREADY_SIGNED_UP = 'ALREADY_SIGNED_UP',
  TOUR_CANCELLED = 'TOUR_CANCELLED',
  TOUR_NOT_OPEN = 'TOUR_NOT_OPEN',
  SIGNUP_NOT_YET_OPEN = 'SIGNUP_NOT_YET_OPEN',
  SIGNUP_CLOSED = 'SIGNUP_CLOSED',
  NO_ACTIVE_SIGNUP = 'NO_ACTIVE_SIGNUP',
  CANCEL_CUTOFF_PASSED = 'CANCEL_CUTOFF_PASSED',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  ALREADY_CHECKED_IN = 'ALREADY_CHECKED_IN',
}
