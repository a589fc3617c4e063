import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { BARRIER_LANGUAGES, languageName } from '../lib/languages.ts';

interface LanguageBarrierPickerProps {
  value: string;
  problem: boolean;
  disabled: boolean;
  selectRef: Ref<HTMLSelectElement>;
  onChange: (language: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** After "language barrier": which language the person speaks, so the contact goes to a volunteer who does. */
export function LanguageBarrierPicker({ value, problem, disabled, selectRef, onChange, onConfirm, onCancel }: LanguageBarrierPickerProps) {
  const { t } = useTranslation();
  // The contact's own language is offered even when it is not among the usual ones (an import may carry any).
  const options = value && !BARRIER_LANGUAGES.includes(value) ? [value, ...BARRIER_LANGUAGES] : BARRIER_LANGUAGES;
  const handleKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };
  return (
    <fieldset className="callback language-barrier" onKeyDown={handleKeyDown} data-testid="language-barrier">
      <legend>{t('languageBarrier.heading')}</legend>
      <label htmlFor="barrier-language">{t('languageBarrier.label')}</label>
      <div className="callback-row">
        <select
          id="barrier-language"
          ref={selectRef}
          value={value}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? 'barrier-problem' : undefined}
          // Opened because the volunteer chose "language barrier": the language is next.
          autoFocus
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{t('languageBarrier.choose')}</option>
          {options.map((code) => (
            <option key={code} value={code}>
              {languageName(t, code)}
            </option>
          ))}
        </select>
      </div>
      {problem && (
        <p id="barrier-problem" className="field-problem" role="alert">
          {t('languageBarrier.needLanguage')}
        </p>
      )}
      <div className="callback-row">
        <button type="button" className="primary" aria-disabled={disabled} onClick={() => !disabled && onConfirm()}>
          {t('languageBarrier.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('languageBarrier.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
