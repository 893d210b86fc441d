/**
 * Mainland mobile numbers in any common spelling (+86, spaces, dashes) become
 * the bare 11 digits; e-mail addresses are lower-cased. Returns null when the
 * value is not a valid phone or address.
 */
export function normalisePhone(raw: string): string | null {
  const compact = toHalfWidth(raw).replace(/[\s\-()]/g, '');
  const digits = compact.replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function normaliseEmail(raw: string): string | null {
  const value = toHalfWidth(raw).trim().toLowerCase();
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? value : null;
}

export type LoginKind = { kind: 'phone'; value: string } | { kind: 'email'; value: string };

/** A login is either a phone number or an e-mail address. */
export function parseLogin(raw: string): LoginKind | null {
  const trimmed = raw.trim();
  if (trimmed.includes('@') || trimmed.includes('＠')) {
    const email = normaliseEmail(trimmed);
    return email ? { kind: 'email', value: email } : null;
  }
  const phone = normalisePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** Full-width ASCII (as typed with a Chinese input method) to half-width. */
export function toHalfWidth(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
