import type { KeyboardEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { latestCallbackValue, laterToday, toLocalInputValue, tomorrowEvening } from './callback-time.ts';

interface CallbackPickerProps {
  value: string;
  /** When the picker opened; bounds the input to what the server accepts. */
  openedAt: Date;
  problem: string | null;
  disabled: boolean;
  confirmRef: Ref<HTMLButtonElement>;
  onChange: (value: string) => void;
  /** A quick choice; null when it no longer fits today. */
  onQuickChoice: (choice: Date | null) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

export function CallbackPicker(props: CallbackPickerProps) {
  const { t } = useTranslation();
  const { value, openedAt, problem, disabled, confirmRef } = props;

  const handleKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    props.onCancel();
  };

  return (
    <fieldset className="callback" onKeyDown={handleKeyDown}>
      <legend>{t('callback.heading')}</legend>
      <label htmlFor="callback-at">{t('callback.timeLabel')}</label>
      <div className="callback-row">
        <input
          id="callback-at"
          type="datetime-local"
          value={value}
          min={toLocalInputValue(openedAt)}
          max={latestCallbackValue(openedAt)}
          // The picker opens because the volunteer chose "call back": the time is next.
          autoFocus
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'callback-problem' : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
        <button type="button" onClick={() => props.onQuickChoice(laterToday(new Date()))}>
          {t('callback.laterToday')}
        </button>
        <button type="button" onClick={() => props.onQuickChoice(tomorrowEvening(new Date()))}>
          {t('callback.tomorrowEvening')}
        </button>
      </div>
      {problem && (
        <p id="callback-problem" className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="callback-row">
        <button
          ref={confirmRef}
          type="button"
          className="primary"
          aria-disabled={disabled}
          onClick={props.onConfirm}
        >
          {t('callback.confirm')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('callback.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
