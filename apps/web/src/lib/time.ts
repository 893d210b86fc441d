import dayjs from 'dayjs';

/** The year in Asia/Shanghai (UTC+8, no daylight saving), whatever the device's zone: records and campaigns count in it. */
export function currentYear(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** A date-time shown in the user's locale, e.g. 2026-11-24 09:30. */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '';
}

export function formatDate(value: string | Date | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '';
}

/** Class hours with at most one decimal (学时). */
export function formatHours(hours: number): string {
  return (Math.round(hours * 10) / 10).toString();
}
