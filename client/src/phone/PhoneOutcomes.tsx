import { OUTCOMES, type CallOutcomeInput, type Outcome, type PhoneContact } from '@ringstuga/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageBarrierPicker } from '../station/LanguageBarrierPicker.tsx';
import { laterToday, toIsoWithOffset, tomorrowEvening } from '../station/callback-time.ts';

interface PhoneOutcomesProps {
  contact: PhoneContact;
  busy: boolean;
  onRecord: (input: CallOutcomeInput) => void;
}

/** One tap per outcome; a call-back asks when, a language barrier which language. Mounted per call. */
export function PhoneOutcomes({ contact, busy, onRecord }: PhoneOutcomesProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'call_back' | 'language_barrier' | null>(null);
  const [barrier, setBarrier] = useState({ language: contact.preferredLanguage ?? '', problem: false });
  const selectRef = useRef<HTMLSelectElement>(null);
  const base = { assignmentId: contact.assignmentId };

  const choose = (outcome: Outcome) => {
    if (outcome === 'call_back' || outcome === 'language_barrier') setAsking(asking === outcome ? null : outcome);
    else onRecord({ ...base, outcome });
  };
  const now = new Date();
  const later = laterToday(now);

  return (
    <>
      <div className="phone-outcomes" role="group" aria-label={t('record.heading')}>
        {OUTCOMES.map((outcome) => (
          <button
            key={outcome}
            type="button"
            className={`outcome outcome-${outcome}`}
            aria-disabled={busy}
            aria-expanded={outcome === 'call_back' || outcome === 'language_barrier' ? asking === outcome : undefined}
            onClick={() => !busy && choose(outcome)}
          >
            {t(`outcomes.${outcome}`)}
          </button>
        ))}
      </div>
      {asking === 'call_back' && (
        <fieldset className="phone-ask">
          <legend>{t('callback.heading')}</legend>
          {later && (
            <button type="button" onClick={() => onRecord({ ...base, outcome: 'call_back', callbackAt: toIsoWithOffset(later) })}>
              {t('callback.laterToday')}
            </button>
          )}
          <button
            type="button"
            onClick={() => onRecord({ ...base, outcome: 'call_back', callbackAt: toIsoWithOffset(tomorrowEvening(now)) })}
          >
            {t('callback.tomorrowEvening')}
          </button>
        </fieldset>
      )}
      {asking === 'language_barrier' && (
        <LanguageBarrierPicker
          value={barrier.language}
          problem={barrier.problem}
          disabled={busy}
          selectRef={selectRef}
          onChange={(language) => setBarrier({ language, problem: false })}
          onConfirm={() =>
            barrier.language === ''
              ? setBarrier({ ...barrier, problem: true })
              : onRecord({ ...base, outcome: 'language_barrier', language: barrier.language })
          }
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  );
}
