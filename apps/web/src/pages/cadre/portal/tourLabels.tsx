import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SignUpStatus, TourKind, TourStatus } from '../../../gql/graphql';

const KIND_COLOR: Record<TourKind, string> = { WARNING_EDUCATION_BASE: 'volcano', ADVANCED_MODEL_STUDY: 'blue', REVOLUTIONARY_SITE: 'red', OTHER: 'default' };
const STATUS_COLOR: Record<TourStatus, string> = { OPEN: 'green', CLOSED: 'default', DONE: 'default', CANCELLED: 'error', DRAFT: 'default' };
const SIGNUP_COLOR: Record<SignUpStatus, string> = { CONFIRMED: 'success', WAITLISTED: 'warning', PENDING: 'processing', REJECTED: 'error', CANCELLED: 'default', REMOVED: 'error' };

export function TourKindTag({ kind }: { kind: TourKind }) {
  const { t } = useTranslation('portal');
  return <Tag color={KIND_COLOR[kind]}>{t(`tours.kinds.${kind}`)}</Tag>;
}

export function TourStatusTag({ status }: { status: TourStatus }) {
  const { t } = useTranslation('portal');
  return <Tag color={STATUS_COLOR[status]}>{t(`tours.status.${status}`)}</Tag>;
}

/** My sign-up: its status, the place in the waitlist, and attendance once recorded. */
export function SignUpTag({ signUp }: { signUp: { status: SignUpStatus; waitlistPosition?: number | null; attendance?: string | null; checkedInAt?: unknown } }) {
  const { t } = useTranslation('portal');
  if (signUp.attendance === 'ATTENDED') return <Tag color="success">{t('tours.attendance.ATTENDED')}</Tag>;
  if (signUp.attendance === 'NO_SHOW') return <Tag color="error">{t('tours.attendance.NO_SHOW')}</Tag>;
  if (signUp.status === 'CONFIRMED' && signUp.checkedInAt) return <Tag color="success">{t('tours.checkedIn')}</Tag>;
  return (
    <Tag color={SIGNUP_COLOR[signUp.status]} data-testid="signup-status">
      {signUp.status === 'WAITLISTED' && signUp.waitlistPosition ? t('tours.waitlistedAt', { position: signUp.waitlistPosition }) : t(`tours.signUp.${signUp.status}`)}
    </Tag>
  );
}

/** Where the sign-up window stands on this device's clock (the API decides). */
export function signUpWindow(tour: { signUpOpensAt: string; signUpClosesAt: string }, now = Date.now()): 'NOT_YET' | 'OPEN' | 'CLOSED' {
  if (now < new Date(tour.signUpOpensAt).getTime()) return 'NOT_YET';
  if (now >= new Date(tour.signUpClosesAt).getTime()) return 'CLOSED';
  return 'OPEN';
}

export const ACTIVE: readonly SignUpStatus[] = ['CONFIRMED', 'WAITLISTED', 'PENDING'];
