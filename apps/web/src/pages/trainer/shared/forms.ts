import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { apiProblem, problemText } from '../../../components/errors';

/**
 * Like showFieldErrors, for forms whose field names differ from the API's
 * (`rename` maps the API's field to the form's). Returns what belongs to no
 * field, to show above the form.
 */
export function showMappedFieldErrors(form: FormInstance, error: unknown, t: TFunction, rename: Record<string, string | (string | number)[]>): string | null {
  const problem = apiProblem(error);
  const placed: { name: string | (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const f of problem.fields) {
    const name = rename[f.field] ?? f.field;
    if (rename[f.field] || Object.prototype.hasOwnProperty.call(form.getFieldsValue(true), f.field)) placed.push({ name, errors: [f.message] });
    else rest.push(`${f.field}: ${f.message}`);
  }
  if (placed.length) form.setFields(placed);
  if (placed.length && !rest.length && problem.fields.length) return null;
  return rest.length ? rest.join('; ') : problemText(problem, t);
}
