import path from 'node:path';
import { findMessageSites, MessageSite, returnedMessages } from '../../../testing/src/message-sites';
import { catalogueKeyOf, translateToChinese } from './localise';
import { MESSAGES_ZH, RUNTIME_MESSAGES_ZH, VALUES_ZH } from './messages.zh-CN';

const root = path.resolve(__dirname, '../../../..');
const PLACEHOLDER = /\$\{(\w+)(?::(\w+))?\}/g;
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** A field-problem listing (`field: message; ...`): the formatter translates it field by field. */
const LISTING = /^\w+\.map\(\(\w\) => `\$\{\w\.field\}: \$\{\w\.message\}`\)\.join\('; '\)$/;

/**
 * Messages the source hands on as an expression rather than writing them:
 * each is accounted for (another site, or the strings a function returns).
 */
const PASSED_ON: { file?: string; expression: RegExp; why: string; returns?: { file: string; name: string } }[] = [
  { expression: LISTING, why: 'lists the field problems, each a site of its own' },
  { file: 'apps/api/src/graphql/validation.pipe.ts', expression: /^message\.replace\(/, why: "class-validator's own messages (validation.pipe.spec.ts)" },
  { file: 'libs/identity/src/services/units.service.ts', expression: /^names\.one$/, why: 'the { one, many } names of the callers, sites of their own' },
  { file: 'libs/tours/src/services/study-tours.service.ts', expression: /^failed\.message\(tour\)$/, why: 'the messages of the ELIGIBILITY rules, sites of their own' },
  { file: 'libs/queue/src/job-queue.service.ts', expression: /^i\.message$/, why: "zod's wording of a job payload the code itself got wrong: no user's input" },
  { file: 'libs/media/src/media.service.ts', expression: /^this\.signer\.refusal\(/, why: 'the refusals SignedUrl.refusal returns', returns: { file: 'libs/media/src/signed-url.ts', name: 'refusal' } },
];

const skeletonOf = (key: string) => key.replace(PLACEHOLDER, '${}');
const where = (site: MessageSite) => `${site.file}:${site.line}  ${site.text}`;

describe('the Chinese message catalogue', () => {
  const scanned = findMessageSites(root);
  const passedOn = PASSED_ON.map((rule) => ({ rule, sites: scanned.filter((s) => s.form === 'dynamic' && (!rule.file || s.file === rule.file) && rule.expression.test(s.text)) }));
  const sites = [...scanned, ...PASSED_ON.flatMap((rule) => (rule.returns ? returnedMessages(root, rule.returns.file, rule.returns.name) : []))];
  const keys = Object.keys(MESSAGES_ZH);
  const templateKeys = new Map(keys.filter((k) => k.match(PLACEHOLDER)).map((k) => [skeletonOf(k), k]));

  /** The catalogue entry a template written in the source translates through: one with its wording, or a more general one. */
  const keyOfTemplate = (skeleton: string): string | null => {
    const same = templateKeys.get(skeleton);
    if (same) return same;
    let i = 0;
    return catalogueKeyOf(skeleton.replace(/\$\{\}/g, () => `x${++i}`));
  };

  it('finds the messages in the source', () => {
    // a sanity check of the scanner: far fewer would mean it lost its way
    expect(sites.filter((s) => s.form !== 'dynamic').length).toBeGreaterThan(300);
    expect(sites).toContainEqual(expect.objectContaining({ file: 'libs/tours/src/services/study-tours.service.ts', form: 'literal', text: 'Only organisers of this tour see its sign-ups' }));
    expect(sites).toContainEqual(expect.objectContaining({ role: 'entity', form: 'literal', text: 'Course' }));
    expect(sites).toContainEqual(expect.objectContaining({ form: 'template', text: 'Sign-up opens at ${}' }));
  });

  it('has a Chinese translation for every message the server code writes', () => {
    const missing = sites.filter((site) => {
      if (site.form === 'dynamic') return false;
      if (site.role !== 'message') return VALUES_ZH[site.role].render(site.text) === site.text;
      return site.form === 'literal' ? translateToChinese(site.text) === null : keyOfTemplate(site.text) === null;
    });
    expect(missing.map(where)).toEqual([]);
  });

  it('accounts for every message the source passes on as an expression', () => {
    const accounted = new Set(passedOn.flatMap((p) => p.sites));
    expect(scanned.filter((s) => s.form === 'dynamic' && !accounted.has(s)).map(where)).toEqual([]);
    // and each rule still has something to account for
    expect(passedOn.filter((p) => !p.sites.length).map((p) => `${p.rule.file ?? '*'} ${p.rule.expression}`)).toEqual([]);
  });

  it('has no entry the source no longer uses', () => {
    const used = new Set<string>();
    for (const site of sites) {
      if (site.role !== 'message' || site.form === 'dynamic') continue;
      const key = site.form === 'literal' ? catalogueKeyOf(site.text) : keyOfTemplate(site.text);
      if (key) used.add(key);
    }
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });

  it('says each entry in Chinese with the same placeholders, of kinds it knows', () => {
    const bad = Object.entries({ ...MESSAGES_ZH, ...RUNTIME_MESSAGES_ZH }).filter(([en, zh]) => {
      const names = (text: string) => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
      const zhKinds = [...zh.matchAll(PLACEHOLDER)].filter((m) => m[2]);
      const kinds = [...en.matchAll(PLACEHOLDER)].map((m) => m[2]).filter((k) => k && !['msg', 'field', 'fields', 'time', 'list', 'plural'].includes(k) && !VALUES_ZH[k]);
      const plural = [...en.matchAll(PLACEHOLDER)].filter((m) => m[2] === 'plural').map((m) => m[1]);
      return !CJK.test(zh) || zhKinds.length > 0 || kinds.length > 0 || names(en).filter((n) => !plural.includes(n)).join() !== names(zh).join();
    });
    expect(bad).toEqual([]);
  });
});
