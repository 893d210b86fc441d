import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { common } from '../../apps/web/src/i18n/common';
import { admin } from '../../apps/web/src/pages/admin/i18n';
import { adminPeople } from '../../apps/web/src/pages/admin/people/i18n';
import { cadre } from '../../apps/web/src/pages/cadre/i18n';
import { learning } from '../../apps/web/src/pages/cadre/learning/i18n';
import { portal } from '../../apps/web/src/pages/cadre/portal/i18n';
import { login } from '../../apps/web/src/pages/login/i18n';
import { trainer } from '../../apps/web/src/pages/trainer/i18n';

/** The web app's namespaces, as apps/web/src/i18n/index.ts registers them. */
const NAMESPACES: Record<string, { 'zh-CN': object; en: object }> = { common, login, cadre, learning, portal, trainer, admin, adminPeople };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(node: object, prefix = ''): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) ? leaves(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The web app's code, without the catalogues themselves and the generated operations. */
function sources(): string {
  const root = path.resolve(__dirname, '../../apps/web/src');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === 'gql' ? [] : walk(full);
      return /\.tsx?$/.test(name) && name !== 'i18n.ts' && !full.includes(`${path.sep}i18n${path.sep}`) ? [full] : [];
    });
  return walk(root)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

describe("web app: the language catalogues", () => {
  it.each(Object.keys(NAMESPACES))('%s has the same keys in Chinese and English (plural forms aside)', (ns) => {
    const base = (lng: 'zh-CN' | 'en') => [...new Set(leaves(NAMESPACES[ns][lng]).map((k) => k.replace(PLURAL, '')))].sort();
    expect(base('en')).toEqual(base('zh-CN'));
  });

  it('holds no text the app never shows: every key is used by name, or under a prefix the code completes (`tours.kinds.${kind}`)', () => {
    const code = sources();
    const used = (key: string) => {
      const bare = key.replace(PLURAL, '');
      if ([`'${bare}'`, `"${bare}"`, `\`${bare}\``, `:${bare}'`, `:${bare}\``].some((form) => code.includes(form))) return true;
      const parts = bare.split('.');
      return parts.slice(0, -1).some((_, i) => code.includes(`${parts.slice(0, i + 1).join('.')}.\${`));
    };
    const unused = Object.entries(NAMESPACES).flatMap(([ns, r]) => leaves(r['zh-CN']).filter((k) => !used(k)).map((k) => `${ns}:${k}`));
    expect(unused).toEqual([]);
  });
});
