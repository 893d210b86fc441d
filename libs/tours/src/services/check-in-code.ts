import { createHmac, timingSafeEqual } from 'node:crypto';

export const CHECK_IN_STEP_SECONDS = 60;

/**
 * The six-digit code a confirmed cadre shows on their phone at the meeting
 * point. It changes every minute (HMAC of the sign-up id and the minute), so a
 * code passed on in advance or a screenshot from yesterday is useless; the
 * code of the previous minute is still accepted while the organiser types.
 */
export function checkInCode(secret: string, signUpId: string, at: Date, stepOffset = 0): { code: string; expiresAt: Date } {
  const step = Math.floor(at.getTime() / 1000 / CHECK_IN_STEP_SECONDS) + stepOffset;
  const digest = createHmac('sha256', secret).update(`tour-check-in:${signUpId}:${step}`).digest();
  const value = digest.readUInt32BE(digest[digest.length - 1] & 0x0f) & 0x7fffffff;
  return { code: String(value % 1_000_000).padStart(6, '0'), expiresAt: new Date((step + 1) * CHECK_IN_STEP_SECONDS * 1000) };
}

export function matchesCheckInCode(secret: string, signUpId: string, code: string, at: Date): boolean {
  return [0, -1].some((offset) => {
    const expected = Buffer.from(checkInCode(secret, signUpId, at, offset).code);
    const given = Buffer.from(code.padStart(6, ' ').slice(0, 6));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
