import { CombinedGraphQLErrors } from '@apollo/client';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';

/** What the API says went wrong, in the shape the pages need. */
export interface ApiProblem {
  code: string;
  message: string;
  /** BAD_USER_INPUT: the fields named by the API (last path segment, e.g. `login`). */
  fields: { field: string; message: string }[];
  retryAfterSeconds?: number;
  correlationId?: string;
}

export function apiProblem(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const ext = (first?.extensions ?? {}) as { code?: string; fields?: { field: string; message: string }[]; retryAfterSeconds?: number; correlationId?: string };
    return {
      code: ext.code ?? 'INTERNAL_SERVER_ERROR',
      message: first?.message ?? String(error),
      fields: (ext.fields ?? []).map((f) => ({ field: f.field.split('.').pop() ?? f.field, message: f.message })),
      retryAfterSeconds: ext.retryAfterSeconds,
      correlationId: ext.correlationId,
    };
  }
  return { code: 'NETWORK', message: error instanceof Error ? error.message : String(error), fields: [] };
}

/** A sentence for the user: the API's own message for domain errors, a translated one for the rest. */
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
 * Puts the API's field errors next to the form's fields. Returns the problem
 * when some of it belongs to no field (show that above the form).
 */
export function showFieldErrors(form: FormInstance, error: unknown, t: TFunction): string | null {
  const problem = apiProblem(error);
  const known = new Set(Object.keys(form.getFieldsValue(true)));
  const onFields = problem.fields.filter((f) => known.has(f.field));
  if (onFields.length) form.setFields(onFields.map((f) => ({ name: f.field, errors: [f.message] })));
  return onFields.length === problem.fields.length && onFields.length > 0 ? null : problemText(problem, t);
}
