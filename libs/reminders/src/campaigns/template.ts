import Mustache from 'mustache';

/** The variables a reminder template may use, with what each holds. */
export const TEMPLATE_VARIABLES = {
  name: "the cadre's name",
  unit: "the cadre's unit",
  festival: 'the festival, date or occasion the reminder is about',
  date: 'its date, e.g. 2027年9月15日',
  year: 'its year',
  sender: 'the unit sending the campaign',
} as const;

export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;
export type TemplateValues = Record<TemplateVariable, string>;

export interface TemplateProblem {
  field: string;
  message: string;
}

/**
 * Checks a template before it is saved: it must parse, and use only the known
 * variables as plain `{{name}}` tags (no sections, partials or raw output,
 * which would let a template do more than fill in blanks).
 */
export function templateProblems(field: string, template: string): TemplateProblem[] {
  let tokens: unknown[];
  try {
    tokens = Mustache.parse(template);
  } catch (error) {
    return [{ field, message: `cannot be read: ${(error as Error).message}` }];
  }
  const problems: TemplateProblem[] = [];
  const known = Object.keys(TEMPLATE_VARIABLES);
  for (const token of tokens as [string, string][]) {
    const [type, value] = token;
    if (type === 'text' || type === '!') continue;
    if (type !== 'name') {
      problems.push({ field, message: `uses {{${type}${value}}}: only plain variables like {{name}} are allowed` });
    } else if (!known.includes(value)) {
      problems.push({ field, message: `uses the unknown variable {{${value}}}; known variables: ${known.join(', ')}` });
    }
  }
  return problems;
}

/** Plain text (SMS, in-app, e-mail text part): values are inserted as they are. */
export function renderText(template: string, values: TemplateValues): string {
  return Mustache.render(template, values, undefined, { escape: (v: string) => v });
}

/** The HTML e-card: values are HTML-escaped. */
export function renderHtml(template: string, values: TemplateValues): string {
  return Mustache.render(template, values);
}

/** 2027-09-15 -> 2027年9月15日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Texts over 70 characters go out as several SMS segments of 67 (the carriers' rule for Chinese text). */
export function smsSegments(text: string): number {
  const length = [...text].length;
  return length <= 70 ? 1 : Math.ceil(length / 67);
}
