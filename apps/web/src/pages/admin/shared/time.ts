/**
 * A moment as Beijing time (Asia/Shanghai, UTC+8, no daylight saving),
 * whatever the device's zone: send times are set and read in it.
 */
export function shanghaiDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const at = new Date(new Date(value).getTime() + 8 * 3600_000);
  return at.toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar date in Beijing, YYYY-MM-DD. */
export function shanghaiDate(value: string | Date | null | undefined): string {
  return shanghaiDateTime(value).slice(0, 10);
}
