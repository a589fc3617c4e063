import { useTranslation } from 'react-i18next';
import { setLanguage } from './i18n.ts';
import { currentLanguage, isLanguage, LANGUAGES, type Language } from './locale.ts';
import './language-switch.css';

/** Each language named in itself, so a reader finds theirs whatever the page is shown in. */
const OWN_NAMES: Record<Language, string> = { sv: 'Svenska', en: 'English' };

/** The page's language on this device; the choice is remembered for the next visit. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <label className="language-switch">
      <span className="language-switch-label">{t('languageSwitch.label')}</span>
      <select
        data-testid="language-switch"
        value={currentLanguage()}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void setLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {OWN_NAMES[language]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A page without a header of its own (the start page, a page not found, a link without its key) gets this one. */
export function LanguageBar() {
  return (
    <header className="language-bar">
      <LanguageSwitch />
    </header>
  );
}
