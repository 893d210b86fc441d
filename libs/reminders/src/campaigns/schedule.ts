import { FestivalKey, festivalDate, FESTIVAL_NAMES } from '../calendar/festival-calendar';

/**
 * Reminder times are Asia/Shanghai wall-clock times. China has kept UTC+08:00
 * without daylight saving since 1991, so a local date and time become an
 * instant with a fixed offset: the result never depends on the server's TZ.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The instant of a Shanghai date ('YYYY-MM-DD') and time ('HH:MM' or 'HH:MM:SS'). */
export function shanghaiInstant(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, m) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since Shanghai midnight of an instant. */
function shanghaiMinutes(at: Date): number {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same month and day in another year; 29 February becomes 28 February in a common year. */
export function sameDayIn(date: string, year: number): string {
  const [, m, d] = date.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

/** What a dated campaign is about, resolved to a date in a given year. */
export type DatedTrigger =
  | { kind: 'FESTIVAL'; festivalKey: FestivalKey }
  | { kind: 'DATE'; name: string; date: string; yearly: boolean };

export interface PlannedOccurrence {
  /** Unique per campaign: the same occurrence is never planned twice. */
  key: string;
  eventName: string;
  eventDate: string;
  sendAt: Date;
}

/**
 * The next occurrence of a festival or date campaign that is still to be sent
 * after `now`: the event of each year is recomputed (a festival's lunar date
 * moves every year), then `daysBefore` days earlier at `sendTime`. A one-off
 * date whose send time has passed has no next occurrence.
 */
export function nextDatedOccurrence(trigger: DatedTrigger, daysBefore: number, sendTime: string, now: Date, repeatYearly: boolean): PlannedOccurrence | null {
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const candidates: { year: number; date: string; name: string }[] = [];
  if (trigger.kind === 'FESTIVAL') {
    for (let year = thisYear; year <= thisYear + 2 && year <= 2099; year++) {
      candidates.push({ year, date: festivalDate(trigger.festivalKey, year), name: FESTIVAL_NAMES[trigger.festivalKey] });
    }
  } else if (trigger.yearly) {
    for (let year = thisYear; year <= thisYear + 2; year++) candidates.push({ year, date: sameDayIn(trigger.date, year), name: trigger.name });
  } else {
    candidates.push({ year: Number(trigger.date.slice(0, 4)), date: trigger.date, name: trigger.name });
  }
  for (const c of candidates) {
    const sendAt = shanghaiInstant(addDays(c.date, -daysBefore), sendTime);
    if (sendAt.getTime() > now.getTime()) {
      const key = trigger.kind === 'FESTIVAL' || trigger.yearly ? `${trigger.kind}:${c.year}` : `${trigger.kind}:${c.date}`;
      return { key, eventName: c.name, eventDate: c.date, sendAt };
    }
    // a campaign that does not repeat is about the first coming event only
    if (!repeatYearly && trigger.kind === 'FESTIVAL' && c.date >= shanghaiDate(now)) return null;
  }
  return null;
}

/**
 * When an occasion reminder goes out: right after the report, or `offsetDays`
 * from the occasion date (negative: before it) at `sendTime`; never in the
 * past (an occasion reported late is reminded of at once).
 */
export function occasionSendAt(occasionDate: string, offsetDays: number | null, sendTime: string, now: Date): Date {
  if (offsetDays === null) return now;
  const at = shanghaiInstant(addDays(occasionDate, offsetDays), sendTime);
  return at.getTime() > now.getTime() ? at : now;
}

export interface QuietHours {
  /** Minutes after Shanghai midnight. */
  from: number;
  to: number;
}

/** Parses '22:00-08:00' (or 'none'). */
export function parseQuietHours(value: string): QuietHours | null {
  if (value === 'none') return null;
  const [from, to] = value.split('-').map((t) => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  });
  return from === to ? null : { from, to };
}

/**
 * When a message that would go out at `at` may be sent: `at` itself outside
 * quiet hours, else the end of the quiet period (the next morning for
 * 22:00-08:00, whether `at` is before or after midnight).
 */
export function afterQuietHours(at: Date, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const minutes = shanghaiMinutes(at);
  const wraps = quiet.from > quiet.to;
  const inside = wraps ? minutes >= quiet.from || minutes < quiet.to : minutes >= quiet.from && minutes < quiet.to;
  if (!inside) return at;
  const today = shanghaiDate(at);
  const endDate = wraps && minutes >= quiet.from ? addDays(today, 1) : today;
  const hh = String(Math.floor(quiet.to / 60)).padStart(2, '0');
  const mm = String(quiet.to % 60).padStart(2, '0');
  return shanghaiInstant(endDate, `${hh}:${mm}`);
}
