import { CombinedGraphQLErrors } from '@apollo/client';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';

/** What the API says went wrong, in the shape the pages need. */
export interface ApiProblem {
  code: string;
  message: string;
  /** The fields named by the API (last path segment, e.g. `login`): BAD_USER_INPUT's, or the one a CONFLICT is about. */
  fields: { field: string; message: string }[];
  retryAfterSeconds?: number;
  correlationId?: string;
}

export function apiProblem(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: string; fields?: { field: string; message: string }[]; field?: string; retryAfterSeconds?: number; correlationId?: string };
    // a CONFLICT may name the one field it is about (a login already taken, a unit name already used)
    const fields = ext.fields ?? (ext.code === 'CONFLICT' && ext.field ? [{ field: ext.field, message: first?.message ?? '' }] : []);
    return {
      code: ext.code ?? 'INTERNAL_SERVER_ERROR',
      message: first?.message ?? String(error),
      fields: fields.map((f) => ({ field: f.field.split('.').pop() ?? f.field, message: f.message })),
      retryAfterSeconds: ext.retryAfterSeconds,
      correlationId: ext.correlationId,
    };
  }
  return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error), fields: [] };
}

/**
 * A sentence for the user: the API's own message for domain errors (worded in
 * the app's language: every request sends it, see languageHeaders), a
 * translated one for the rest.
 */
export function problemText(problem: ApiProblem, t: TFunction): string {
  switch (problem.code) {
    case 'NETWORK':
      return t('common:offline');
    case 'TOO_MANY_REQUESTS':
      return t('common:tooManyRequests', { seconds: problem.retryAfterSeconds ?? 60 });
    case 'INTERNAL_SERVER_ERROR':
      return t('common:unexpected', { id: problem.correlationId ?? '-' });
    default:
      return problem.message;
  }
}

/**
 * Puts the API's field errors next to the form's fields (BAD_USER_INPUT
 * `fields`, and the one field a CONFLICT names, such as a login already
 * taken), worded by the API in the app's language, and scrolls to the first.
 * Returns what belongs to no field of this form, for an alert above it, or null.
 */
export function showFieldErrors(form: FormInstance, error: unknown, t: TFunction): string | null {
  const problem = apiProblem(error);
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const onFields = problem.fields.filter((f) => known.has(f.field));
  if (onFields.length) {
    const byField = new Map<string, string[]>();
    for (const f of onFields) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message]);
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    form.scrollToField(onFields[0].field);
  }
  return onFields.length === problem.fields.length && onFields.length > 0 ? null : problemText(problem, t);
}
