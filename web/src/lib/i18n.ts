import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

/** German texts, one file per area (locales/de/<area>.json), so areas can be translated apart. */
const de: Record<string, string> = Object.assign({}, ...Object.values(import.meta.glob<Record<string, string>>('../locales/de/*.json', { eager: true, import: 'default' })));

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * English source strings are the keys (t('Queue view')); de.json translates them. Before login the
 * browser's language decides; after login the agent's own setting does (applyUserLanguage).
 */
void i18next
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: {} } },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    load: 'languageOnly',
    keySeparator: false,
    nsSeparator: false,
    returnEmptyString: false,
    interpolation: { escapeValue: false },
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'ticketwerk.language', caches: [] },
  });

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18next.resolvedLanguage ?? 'en';

/** Switches the UI to the agent's language and keeps it for the login page next time. */
export function applyUserLanguage(language: string): void {
  const chosen: Language = language === 'de' ? 'de' : 'en';
  localStorage.setItem('ticketwerk.language', chosen);
  if (i18next.resolvedLanguage !== chosen) void i18next.changeLanguage(chosen);
}

export { i18next };
