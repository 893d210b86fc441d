import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { admin } from '../pages/admin/i18n';
import { adminPeople } from '../pages/admin/people/i18n';
import { cadre } from '../pages/cadre/i18n';
import { learning } from '../pages/cadre/learning/i18n';
import { portal } from '../pages/cadre/portal/i18n';
import { login } from '../pages/login/i18n';
import { trainer } from '../pages/trainer/i18n';
import { common } from './common';

/** zh-CN by default; English when chosen (remembered in localStorage). One namespace per area. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'ql.language';

const namespaces = { common, login, cadre, learning, portal, trainer, admin, adminPeople };
const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, Object.fromEntries(Object.entries(namespaces).map(([ns, r]) => [ns, r[lng]]))]),
);

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

/**
 * The header that asks the API to word its messages (refusals, field
 * problems) in the app's current language; every request to the API sends it.
 */
export function languageHeaders(): { 'accept-language': string } {
  return { 'accept-language': i18n.language || initialLanguage() };
}

export function changeLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = initialLanguage();

export default i18n;
