import type { CadreRank, CadreTier, Role } from '../../../gql/graphql';

/** The enumerations of the API in the order the pages list them. */
export const ROLES: Role[] = ['CADRE', 'TRAINER', 'ADMIN'];
export const TIERS: CadreTier[] = ['ON_JOB', 'NEW_APPOINTEE', 'RESERVE', 'RETIRED'];
export const RANKS: CadreRank[] = ['STAFF', 'DEPUTY_SECTION', 'SECTION', 'DEPUTY_DIVISION', 'DIVISION', 'DEPUTY_BUREAU', 'BUREAU'];

/** Mainland mobile numbers in any common spelling (+86, spaces, dashes, full-width digits), as the API accepts them. */
export function normalisePhone(raw: string): string | null {
  const half = raw.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
  const digits = half.replace(/[\s\-()]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The API's password rule: 8 to 128 characters with a letter and a digit. */
export function passwordProblem(value: string): 'length' | 'mix' | null {
  if (value.length < 8 || value.length > 128) return 'length';
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return 'mix';
  return null;
}
