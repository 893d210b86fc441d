import { FestivalKey, festivalDate, festivalsOf, statutoryCalendar } from './festival-calendar';

/** Dates as published (State Council holiday notices and the Purple Mountain Observatory's calendar). */
const PUBLISHED: Record<number, Partial<Record<FestivalKey, string>>> = {
  2020: { SPRING_FESTIVAL: '2020-01-25', QINGMING: '2020-04-04', DRAGON_BOAT: '2020-06-25', MID_AUTUMN: '2020-10-01' },
  2021: { SPRING_FESTIVAL: '2021-02-12', QINGMING: '2021-04-04', DRAGON_BOAT: '2021-06-14', MID_AUTUMN: '2021-09-21' },
  2022: { SPRING_FESTIVAL: '2022-02-01', QINGMING: '2022-04-05', DRAGON_BOAT: '2022-06-03', MID_AUTUMN: '2022-09-10' },
  2023: { SPRING_FESTIVAL: '2023-01-22', QINGMING: '2023-04-05', DRAGON_BOAT: '2023-06-22', MID_AUTUMN: '2023-09-29' },
  2024: { SPRING_FESTIVAL: '2024-02-10', QINGMING: '2024-04-04', DRAGON_BOAT: '2024-06-10', MID_AUTUMN: '2024-09-17' },
  2025: { SPRING_FESTIVAL: '2025-01-29', QINGMING: '2025-04-04', DRAGON_BOAT: '2025-05-31', MID_AUTUMN: '2025-10-06' },
  2026: { SPRING_FESTIVAL: '2026-02-17', QINGMING: '2026-04-05', DRAGON_BOAT: '2026-06-19', MID_AUTUMN: '2026-09-25' },
  2027: { SPRING_FESTIVAL: '2027-02-06', QINGMING: '2027-04-05', DRAGON_BOAT: '2027-06-09', MID_AUTUMN: '2027-09-15' },
  2028: { SPRING_FESTIVAL: '2028-01-26', QINGMING: '2028-04-04', DRAGON_BOAT: '2028-05-28', MID_AUTUMN: '2028-10-03' },
  2029: { SPRING_FESTIVAL: '2029-02-13', QINGMING: '2029-04-04', DRAGON_BOAT: '2029-06-16', MID_AUTUMN: '2029-09-22' },
  2030: { SPRING_FESTIVAL: '2030-02-03', QINGMING: '2030-04-05', DRAGON_BOAT: '2030-06-05', MID_AUTUMN: '2030-09-12' },
};

describe('festival calendar', () => {
  describe.each(Object.entries(PUBLISHED))('%s', (year, dates) => {
    it.each(Object.entries(dates))('%s falls on %s', (key, date) => {
      expect(festivalDate(key as FestivalKey, Number(year))).toBe(date);
    });
  });

  it('puts the Spring Festival eve on the last day of the lunar year, 29th or 30th', () => {
    expect(festivalDate(FestivalKey.SPRING_FESTIVAL_EVE, 2025)).toBe('2025-01-28'); // lunar 12/29
    expect(festivalDate(FestivalKey.SPRING_FESTIVAL_EVE, 2026)).toBe('2026-02-16');
    expect(festivalDate(FestivalKey.LANTERN, 2026)).toBe('2026-03-03');
  });

  it('lists every festival of a year in date order', () => {
    const sut = festivalsOf(2026);
    expect(sut.map((f) => f.name)).toEqual(['元旦', '除夕', '春节', '元宵节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(() => festivalsOf(2200)).toThrow('year must be between 1901 and 2099');
  });

  it('reads statutory days off and swapped working days from the published data', () => {
    const sut = statutoryCalendar(2026);
    expect(sut.published).toBe(true);
    expect(sut.daysOff).toEqual(expect.arrayContaining([{ date: '2026-10-01', name: '国庆节' }, { date: '2026-01-01', name: '元旦' }]));
    // every swapped working day is a weekend day
    for (const d of sut.swappedWorkdays) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
    expect(sut.swappedWorkdays.length).toBeGreaterThan(0);
  });
});
