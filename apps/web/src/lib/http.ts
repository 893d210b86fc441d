import { client } from '../apollo';
import { MeDocument } from '../auth/AuthProvider';
import { getSession } from '../auth/session';
import { languageHeaders } from '../i18n';

/** What an upload or download over plain HTTP answered when it failed: the API's `{ code, message }`. */
export class HttpProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The API's `{ code, message }` from a failed plain-HTTP answer, or a code for the status when the body says nothing. */
export function httpProblem(status: number, body: string): HttpProblem {
  try {
    const parsed = JSON.parse(body) as { code?: string; message?: string | string[] };
    const message = Array.isArray(parsed.message) ? parsed.message.join('; ') : (parsed.message ?? '');
    if (parsed.code) return new HttpProblem(parsed.code, message, status);
    if (message) return new HttpProblem(codeFor(status), message, status);
  } catch {
    // not JSON: fall through
  }
  return new HttpProblem(codeFor(status), body, status);
}

function codeFor(status: number): string {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  return status === 0 ? 'NETWORK' : 'INTERNAL_SERVER_ERROR';
}

/**
 * Renews the session's access token for a plain HTTP call: one cheap GraphQL
 * read goes through Apollo, whose link refreshes an expired token once (and
 * signs out when the refresh is refused).
 */
export async function freshToken(): Promise<string> {
  await client.query({ query: MeDocument, fetchPolicy: 'network-only' }).catch(() => undefined);
  const session = getSession();
  if (!session) throw new HttpProblem('UNAUTHENTICATED', 'signed out', 401);
  return session.accessToken;
}

/** Hands a blob to the browser as a download under a file name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads a file the API serves only with the bearer token (CSV exports,
 * certificates), so no token ever sits in an address: fetched with the
 * session's token and saved under the server's file name (else
 * `fallbackName`). An expired token is renewed once and the request
 * repeated. Throws an HttpProblem with the API's message when refused.
 */
export async function downloadWithToken(path: string, fallbackName: string): Promise<void> {
  const get = (token: string) => fetch(path, { headers: { authorization: `Bearer ${token}`, ...languageHeaders() }, cache: 'no-store' });
  let res = await get(getSession()?.accessToken ?? '');
  if (res.status === 401) res = await get(await freshToken());
  if (!res.ok) throw httpProblem(res.status, await res.text());
  const blob = await res.blob();
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(blob, encoded ? decodeURIComponent(encoded) : fallbackName);
}
