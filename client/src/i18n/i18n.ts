import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { isLanguage, type Language } from './locale.ts';
import { sv } from './sv.ts';

export { LANGUAGES, type Language } from './locale.ts';

/** Where a device keeps its choice: each volunteer's phone or laptop chooses for itself. */
const STORAGE_KEY = 'ringstuga.language';

/** The device's saved choice, else Swedish: the browser's own language is deliberately not consulted. */
function savedLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : 'sv';
  } catch {
    // Storage can be blocked (strict privacy settings): the page still works, in Swedish.
    return 'sv';
  }
}

// Registered before init, whose first changeLanguage sets <html lang> at start as well.
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

// The resources are bundled, so init finishes synchronously: t() works as soon as this module is loaded.
void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'sv',
  // React escapes what it renders; escaping here as well would show "&amp;" in names.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Shows the page in `language` from now on, on this device. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage blocked: the choice holds until the page is reloaded.
  }
  await i18n.changeLanguage(language);
}
