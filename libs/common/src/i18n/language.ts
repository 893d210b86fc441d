import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The languages the API answers in: its messages are written in English and translated to Simplified Chinese. */
export type Language = 'en' | 'zh-CN';

/**
 * The caller's language from an `Accept-Language` header: the supported
 * language it ranks highest (any `zh` tag counts as Simplified Chinese, as
 * the API has no other Chinese). English when the header is absent, names
 * neither, or prefers English, so that API clients which send nothing keep
 * the English messages.
 */
export function negotiateLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const language: Language | null = /^zh(-|$)/.test(tag) ? 'zh-CN' : /^en(-|$)/.test(tag) ? 'en' : null;
    if (!language) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    // the first of equal weights wins, as the header lists them in order of preference
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'en';
}

const storage = new AsyncLocalStorage<Language>();

/** The language of the request being handled (English outside a request). */
export function requestLanguage(): Language {
  return storage.getStore() ?? 'en';
}

/** Runs `fn` as if handling a request in `language` (the middleware below does this per request). */
export function withLanguage<T>(language: Language, fn: () => T): T {
  return storage.run(language, fn);
}

/**
 * Express/Connect middleware: the rest of the request runs with the language
 * its `Accept-Language` asks for, read back with requestLanguage() where
 * errors are formatted. Mount it after the body parsers, whose callbacks run
 * outside the request's async context.
 */
export function languageMiddleware(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  storage.run(negotiateLanguage(req.headers['accept-language']), next);
}
