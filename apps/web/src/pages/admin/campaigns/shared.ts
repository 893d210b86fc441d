import type { TFunction } from 'i18next';
import type { CampaignStatus, DeliveryChannel, FestivalKey, OccasionKind, ReminderTrigger } from '../../../gql/graphql';

export const CHANNELS: DeliveryChannel[] = ['IN_APP', 'SMS', 'EMAIL'];
export const FESTIVAL_KEYS: FestivalKey[] = ['NEW_YEAR', 'SPRING_FESTIVAL_EVE', 'SPRING_FESTIVAL', 'LANTERN', 'QINGMING', 'LABOUR_DAY', 'DRAGON_BOAT', 'MID_AUTUMN', 'NATIONAL_DAY'];
export const OCCASION_KINDS: OccasionKind[] = ['WEDDING', 'FUNERAL', 'RELATIVE_CELEBRATION', 'CHILD_STUDIES', 'MOVING_HOUSE', 'HOSPITALISATION', 'WORK_TRANSFER'];
export const TRIGGERS: ReminderTrigger[] = ['FESTIVAL', 'DATE', 'OCCASION'];
export const CAMPAIGN_STATUSES: CampaignStatus[] = ['DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'CANCELLED'];
export const TEMPLATE_VARIABLES = ['name', 'unit', 'festival', 'date', 'year', 'sender'] as const;

export const STATUS_COLOR: Record<CampaignStatus, string> = { DRAFT: 'default', SCHEDULED: 'processing', SENDING: 'warning', SENT: 'success', CANCELLED: 'error' };

/** What a campaign's trigger says, in a line: 春节前 2 天 09:00 · 每年. */
export function triggerSummary(
  c: {
    triggerKind: ReminderTrigger;
    festivalKey?: FestivalKey | null;
    daysBefore: number;
    sendTime: string;
    repeatYearly: boolean;
    sendDate?: string | null;
    customDateId?: string | null;
    occasionKinds: OccasionKind[];
    occasionOffsetDays?: number | null;
  },
  t: TFunction,
  customDateName?: (id: string) => string | undefined,
): string {
  const time = c.sendTime;
  const yearly = c.repeatYearly ? ` · ${t('trigger.yearly')}` : '';
  if (c.triggerKind === 'FESTIVAL') {
    const festival = c.festivalKey ? t(`festivals.${c.festivalKey}`) : '';
    return (c.daysBefore ? t('trigger.festival', { festival, days: c.daysBefore, time }) : t('trigger.festivalSameDay', { festival, time })) + yearly;
  }
  if (c.triggerKind === 'DATE') {
    const date = c.sendDate ?? (c.customDateId ? (customDateName?.(c.customDateId) ?? t('trigger.customDate')) : '');
    return (c.daysBefore ? t('trigger.date', { date, days: c.daysBefore, time }) : t('trigger.dateSameDay', { date, time })) + yearly;
  }
  const kinds = c.occasionKinds.map((k) => t(`occasions.${k}`)).join('、');
  if (c.occasionOffsetDays === null || c.occasionOffsetDays === undefined) return t('trigger.occasionAfterReport', { kinds });
  const offset = c.occasionOffsetDays < 0 ? t('trigger.before', { days: -c.occasionOffsetDays }) : c.occasionOffsetDays > 0 ? t('trigger.after', { days: c.occasionOffsetDays }) : t('trigger.sameDay');
  return t('trigger.occasionOffset', { kinds, offset, time });
}

