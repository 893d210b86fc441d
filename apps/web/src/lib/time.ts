import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Qinglian's time is Beijing time: tours, deadlines and reminder send times
 * are set and counted in Asia/Shanghai, so they are shown in it whatever the
 * device's own zone (the same moment reads the same on every phone).
 */
export const TIME_ZONE = 'Asia/Shanghai';

/** The year in Asia/Shanghai (UTC+8, no daylight saving), whatever the device's zone: records and campaigns count in it. */
export function currentYear(now = new Date()): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** A date-time in Beijing time, e.g. 2026-11-24 09:30. */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm') : '';
}

/** A date in Beijing time, e.g. 2026-11-24. */
export function formatDate(value: string | Date | null | undefined): string {
  return value ? dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD') : '';
}

/** A time of day in Beijing time with seconds, e.g. 09:30:15. */
export function formatTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).tz(TIME_ZONE).format('HH:mm:ss') : '';
}

/** Class hours with at most one decimal (学时). */
export function formatHours(hours: number): string {
  return (Math.round(hours * 10) / 10).toString();
}
