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
