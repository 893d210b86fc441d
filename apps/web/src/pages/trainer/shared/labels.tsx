import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CadreTier, CourseSubject } from '../../../gql/graphql';

export const SUBJECTS: CourseSubject[] = ['PARTY_DISCIPLINE', 'WARNING_CASES', 'LAWS_AND_REGULATIONS', 'IDEALS_AND_BELIEFS', 'PARTY_SPIRIT', 'PARTY_STYLE', 'PROFESSIONAL_ETHICS', 'FAMILY_VIRTUE'];
export const TIERS: CadreTier[] = ['NEW_APPOINTEE', 'RESERVE', 'ON_JOB', 'RETIRED'];

/** Subject options for selects (labels from the study centre's words, so both areas name subjects alike). */
export function useSubjectOptions() {
  const { t } = useTranslation('trainer');
  return SUBJECTS.map((s) => ({ value: s, label: t(`learning:subjects.${s}`) }));
}

export function useTierOptions() {
  const { t } = useTranslation('trainer');
  return TIERS.map((tier) => ({ value: tier, label: t(`common:tiers.${tier}`) }));
}

const STATUS_COLOR: Record<string, string> = { DRAFT: 'default', PUBLISHED: 'green', ARCHIVED: 'volcano', OPEN: 'green', CLOSED: 'orange', CANCELLED: 'red', DONE: 'blue' };

/** A status tag (course, quiz or tour) in the studio's words. */
export function StatusTag({ status, group }: { status: string; group: 'course' | 'quiz' | 'tour' }) {
  const { t } = useTranslation('trainer');
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{t(`status.${group}.${status}`)}</Tag>;
}
