import { FestivalKey } from '../calendar/festival-calendar';
import { addDays, afterQuietHours, nextDatedOccurrence, occasionSendAt, parseQuietHours, sameDayIn, shanghaiDate, shanghaiInstant } from './schedule';

import { execFileSync } from 'node:child_process';
const ZONES = ['UTC', 'America/New_York', 'Asia/Shanghai', 'Pacific/Kiritimati'];

describe('reminder times', () => {

  it('reads a Shanghai date and time as the same instant', () => {
    expect(shanghaiInstant('2027-09-14', '09:00').toISOString()).toBe('2027-09-14T01:00:00.000Z');
    expect(shanghaiInstant('2027-01-01', '00:30').toISOString()).toBe('2026-12-31T16:30:00.000Z');
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
  });

  it('plans a festival reminder days before, at the local send time, recomputing the lunar date each year', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const midAutumn = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.MID_AUTUMN }, 2, '09:00', now, true);
    // Mid-Autumn 2026 (25 September) has passed: the next is 15 September 2027
    expect(midAutumn).toEqual({ key: 'FESTIVAL:2027', eventName: '中秋节', eventDate: '2027-09-15', sendAt: new Date('2027-09-13T01:00:00Z') });
    const spring = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.SPRING_FESTIVAL }, 3, '10:00', now, true);
    expect(spring).toEqual({ key: 'FESTIVAL:2027', eventName: '春节', eventDate: '2027-02-06', sendAt: new Date('2027-02-03T02:00:00Z') });
    // the year after is a different Gregorian date
    const after = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.SPRING_FESTIVAL }, 3, '10:00', new Date('2027-02-04T00:00:00Z'), true);
    expect(after?.eventDate).toBe('2028-01-26');
  });

  it('sends New Year reminders in the December before', () => {
    const plan = nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.NEW_YEAR }, 2, '09:00', new Date('2026-12-01T00:00:00Z'), true);
    expect(plan).toEqual({ key: 'FESTIVAL:2027', eventName: '元旦', eventDate: '2027-01-01', sendAt: new Date('2026-12-30T01:00:00Z') });
  });

  it('does not roll a one-off festival reminder over to next year when its send time has just passed', () => {
    // Mid-Autumn 2027 is 15 September; three days before at 09:00 has passed on the 14th
    expect(nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.MID_AUTUMN }, 3, '09:00', new Date('2027-09-14T00:00:00Z'), false)).toBeNull();
    expect(nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: FestivalKey.MID_AUTUMN }, 3, '09:00', new Date('2027-09-14T00:00:00Z'), true)?.eventDate).toBe('2028-10-03');
  });

  it('handles one-off and yearly dates, 29 February included', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(nextDatedOccurrence({ kind: 'DATE', name: '支部主题党日', date: '2027-07-01', yearly: false }, 1, '08:30', now, false)).toEqual({
      key: 'DATE:2027-07-01',
      eventName: '支部主题党日',
      eventDate: '2027-07-01',
      sendAt: new Date('2027-06-30T00:30:00Z'),
    });
    expect(nextDatedOccurrence({ kind: 'DATE', name: 'x', date: '2026-01-01', yearly: false }, 0, '09:00', now, false)).toBeNull();
    expect(nextDatedOccurrence({ kind: 'DATE', name: '纪念日', date: '2024-02-29', yearly: true }, 0, '09:00', now, true)?.eventDate).toBe('2027-02-28');
    expect(sameDayIn('2024-02-29', 2028)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('sends occasion reminders at an offset, never in the past', () => {
    const now = new Date('2027-05-01T02:00:00Z');
    expect(occasionSendAt('2027-05-20', -3, '09:00', now)).toEqual(new Date('2027-05-17T01:00:00Z'));
    expect(occasionSendAt('2027-04-20', 2, '09:00', now)).toEqual(now);
    expect(occasionSendAt('2027-05-20', null, '09:00', now)).toEqual(now);
  });

  it('holds e-mail and SMS in quiet hours until the morning', () => {
    const quiet = parseQuietHours('22:00-08:00');
    // 23:00 Shanghai -> 08:00 the next day
    expect(afterQuietHours(new Date('2027-09-13T15:00:00Z'), quiet)).toEqual(new Date('2027-09-14T00:00:00Z'));
    // 06:00 Shanghai -> 08:00 the same day
    expect(afterQuietHours(new Date('2027-09-13T22:00:00Z'), quiet)).toEqual(new Date('2027-09-14T00:00:00Z'));
    // 08:00 and 21:59 are outside
    expect(afterQuietHours(new Date('2027-09-14T00:00:00Z'), quiet)).toEqual(new Date('2027-09-14T00:00:00Z'));
    expect(afterQuietHours(new Date('2027-09-14T13:59:00Z'), quiet)).toEqual(new Date('2027-09-14T13:59:00Z'));
    // a period within one day
    expect(afterQuietHours(new Date('2027-09-14T04:30:00Z'), parseQuietHours('12:00-13:30'))).toEqual(new Date('2027-09-14T05:30:00Z'));
    expect(afterQuietHours(new Date('2027-09-13T15:00:00Z'), parseQuietHours('none'))).toEqual(new Date('2027-09-13T15:00:00Z'));
  });
});

/**
 * The server's time zone must not matter: the same computations run in child
 * processes started with TZ set to each zone, and every answer must equal the
 * one computed here.
 */
describe.each(ZONES)('reminder times in a process with TZ=%s', (zone) => {
  const script = `
    const s = require(${JSON.stringify(require.resolve('./schedule'))});
    const now = new Date('2026-11-23T00:00:00Z');
    console.log(JSON.stringify({
      offset: new Date('2027-01-15T00:00:00Z').getTimezoneOffset(),
      instant: s.shanghaiInstant('2027-09-14', '09:00'),
      date: s.shanghaiDate(new Date('2026-12-31T16:30:00Z')),
      midAutumn: s.nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: 'MID_AUTUMN' }, 2, '09:00', now, true),
      newYear: s.nextDatedOccurrence({ kind: 'FESTIVAL', festivalKey: 'NEW_YEAR' }, 2, '09:00', now, true),
      quiet: s.afterQuietHours(new Date('2027-09-13T15:00:00Z'), s.parseQuietHours('22:00-08:00')),
      occasion: s.occasionSendAt('2027-05-20', -3, '09:00', now),
    }));`;

  it('gives the same answers', () => {
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.offset).toBe({ UTC: 0, 'America/New_York': 300, 'Asia/Shanghai': -480, 'Pacific/Kiritimati': -840 }[zone]);
    expect(result).toEqual({
      offset: result.offset,
      instant: '2027-09-14T01:00:00.000Z',
      date: '2027-01-01',
      midAutumn: { key: 'FESTIVAL:2027', eventName: '中秋节', eventDate: '2027-09-15', sendAt: '2027-09-13T01:00:00.000Z' },
      newYear: { key: 'FESTIVAL:2027', eventName: '元旦', eventDate: '2027-01-01', sendAt: '2026-12-30T01:00:00.000Z' },
      quiet: '2027-09-14T00:00:00.000Z',
      occasion: '2027-05-17T01:00:00.000Z',
    });
  });
});
