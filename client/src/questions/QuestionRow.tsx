import { QUESTION_KINDS } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { emptyOption, withKind, withText, type QuestionDraft } from './question-draft.ts';

interface QuestionRowProps {
  draft: QuestionDraft;
  index: number;
  count: number;
  onChange: (draft: QuestionDraft) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** One question in the editor: its texts, kind, key (until saved) and, for a choice, its options. */
export function QuestionRow({ draft, index, count, onChange, onMove, onRemove }: QuestionRowProps) {
  const { t } = useTranslation('translation', { keyPrefix: 'questionEditor' });
  const id = `question-${draft.id}`;
  const number = index + 1;
  return (
    <li>
      <fieldset className="question-draft" data-testid="question-draft">
        <legend>{t('questionLegend', { number })}</legend>
        <div className="field">
          <label htmlFor={`${id}-sv`}>{t('textSv')}</label>
          <input id={`${id}-sv`} value={draft.sv} maxLength={300} onChange={(e) => onChange(withText(draft, e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-en`}>{t('textEn')}</label>
          <input id={`${id}-en`} value={draft.en} maxLength={300} onChange={(e) => onChange({ ...draft, en: e.target.value })} />
        </div>
        <div className="question-draft-row">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('kind')}</label>
            <select id={`${id}-kind`} value={draft.kind} onChange={(e) => onChange(withKind(draft, e.target.value as QuestionDraft['kind']))}>
              {QUESTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-key`}>{t('key')}</label>
            <input
              id={`${id}-key`}
              value={draft.key}
              readOnly={draft.keyLocked}
              aria-describedby={`${id}-key-hint`}
              maxLength={40}
              onChange={(e) => onChange({ ...draft, key: e.target.value, keyEdited: true })}
            />
            <p id={`${id}-key-hint`} className="muted field-hint">
              {draft.keyLocked ? t('keyLocked') : t('keyHint')}
            </p>
          </div>
        </div>
        {draft.kind === 'choice' && (
          <fieldset className="field">
            <legend>{t('options')}</legend>
            <ol className="question-options">
              {draft.options.map((option, at) => (
                <li key={at} className="button-row">
                  <label htmlFor={`${id}-option-${at}`} className="visually-hidden">
                    {t('optionLabel', { number: at + 1 })}
                  </label>
                  <input
                    id={`${id}-option-${at}`}
                    value={option.sv}
                    maxLength={300}
                    onChange={(e) => onChange({ ...draft, options: draft.options.map((o, i) => (i === at ? { ...o, sv: e.target.value } : o)) })}
                  />
                  <button
                    type="button"
                    aria-label={t('removeOption', { number: at + 1 })}
                    disabled={draft.options.length <= 2}
                    onClick={() => onChange({ ...draft, options: draft.options.filter((_, i) => i !== at) })}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ol>
            <button type="button" disabled={draft.options.length >= 9} onClick={() => onChange({ ...draft, options: [...draft.options, emptyOption()] })}>
              {t('addOption')}
            </button>
          </fieldset>
        )}
        <div className="button-row">
          <button type="button" disabled={index === 0} aria-label={t('moveUp', { number })} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" disabled={index === count - 1} aria-label={t('moveDown', { number })} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" onClick={onRemove}>
            {t('remove')}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
