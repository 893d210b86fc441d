import { getDayDetail, isWorkday } from 'chinese-days';
import { LunarDay, SolarDay, SolarTerm } from 'tyme4ts';

/** Festivals that trigger clean-government reminders (see the domain notes). */
export enum FestivalKey {
  NEW_YEAR = 'NEW_YEAR',
  SPRING_FESTIVAL_EVE = 'SPRING_FESTIVAL_EVE',
  SPRING_FESTIVAL = 'SPRING_FESTIVAL',
  LANTERN = 'LANTERN',
  QINGMING = 'QINGMING',
  LABOUR_DAY = 'LABOUR_DAY',
  DRAGON_BOAT = 'DRAGON_BOAT',
  MID_AUTUMN = 'MID_AUTUMN',
  NATIONAL_DAY = 'NATIONAL_DAY',
}

export const FESTIVAL_NAMES: Record<FestivalKey, string> = {
  [FestivalKey.NEW_YEAR]: '元旦',
  [FestivalKey.SPRING_FESTIVAL_EVE]: '除夕',
  [FestivalKey.SPRING_FESTIVAL]: '春节',
  [FestivalKey.LANTERN]: '元宵节',
  [FestivalKey.QINGMING]: '清明节',
  [FestivalKey.LABOUR_DAY]: '劳动节',
  [FestivalKey.DRAGON_BOAT]: '端午节',
  [FestivalKey.MID_AUTUMN]: '中秋节',
  [FestivalKey.NATIONAL_DAY]: '国庆节',
};

export interface FestivalDate {
  key: FestivalKey;
  name: string;
  /** The Asia/Shanghai calendar date, YYYY-MM-DD. */
  date: string;
}

const iso = (d: SolarDay) => `${d.getYear()}-${String(d.getMonth()).padStart(2, '0')}-${String(d.getDay()).padStart(2, '0')}`;

/**
 * The date of a festival in a Gregorian year. Lunar festivals and the
 * Qingming solar term are computed by tyme4ts (an astronomical calendar
 * library), never read from a typed-in table. The eve of the Spring Festival
 * is the day before lunar 1/1, whether the last month has 29 or 30 days.
 */
export function festivalDate(key: FestivalKey, year: number): string {
  switch (key) {
    case FestivalKey.NEW_YEAR:
      return `${year}-01-01`;
    case FestivalKey.LABOUR_DAY:
      return `${year}-05-01`;
    case FestivalKey.NATIONAL_DAY:
      return `${year}-10-01`;
    case FestivalKey.SPRING_FESTIVAL:
      return iso(LunarDay.fromYmd(year, 1, 1).getSolarDay());
    case FestivalKey.SPRING_FESTIVAL_EVE:
      return iso(LunarDay.fromYmd(year, 1, 1).next(-1).getSolarDay());
    case FestivalKey.LANTERN:
      return iso(LunarDay.fromYmd(year, 1, 15).getSolarDay());
    case FestivalKey.QINGMING:
      return iso(SolarTerm.fromName(year, '清明').getJulianDay().getSolarDay());
    case FestivalKey.DRAGON_BOAT:
      return iso(LunarDay.fromYmd(year, 5, 5).getSolarDay());
    case FestivalKey.MID_AUTUMN:
      return iso(LunarDay.fromYmd(year, 8, 15).getSolarDay());
  }
}

/** Every festival of a year, in date order. */
export function festivalsOf(year: number): FestivalDate[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) throw new RangeError('year must be between 1901 and 2099');
  return (Object.values(FestivalKey) as FestivalKey[])
    .map((key) => ({ key, name: FESTIVAL_NAMES[key], date: festivalDate(key, year) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export interface StatutoryDay {
  date: string;
  /** The holiday it belongs to, in Chinese (e.g. 春节). */
  name: string;
}

export interface StatutoryCalendar {
  /** Days off under the State Council's notice (weekends inside a holiday included). */
  daysOff: StatutoryDay[];
  /** Weekend days that are working days in exchange (调休). */
  swappedWorkdays: StatutoryDay[];
  /** False when the chinese-days package has no published arrangement for the year yet. */
  published: boolean;
}

/**
 * Statutory days off and swapped working days are published each year by the
 * State Council: data, not computable. They come from the maintained
 * chinese-days package; a year it does not know yet is reported as unpublished.
 */
export function statutoryCalendar(year: number): StatutoryCalendar {
  const daysOff: StatutoryDay[] = [];
  const swappedWorkdays: StatutoryDay[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const detail = getDayDetail(date) as { work: boolean; name: string };
    const parts = detail.name.split(',');
    if (parts.length < 2) continue; // an ordinary weekday or weekend
    const name = parts[1];
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    if (!detail.work) daysOff.push({ date, name });
    else if (weekend && isWorkday(date)) swappedWorkdays.push({ date, name });
  }
  return { daysOff, swappedWorkdays, published: daysOff.length > 0 };
}
