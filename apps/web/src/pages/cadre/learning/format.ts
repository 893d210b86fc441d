/** 75 → "1:15", 3725 → "1:02:05": film positions and durations. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A score with at most one decimal. */
export function score(value: number | null | undefined): string {
  return value == null ? '-' : (Math.round(value * 10) / 10).toString();
}
