import { CALLBACK_MAX_DAYS, NOTE_MAX_LENGTH, type Answers, type Assignment, type Outcome } from '@ringstuga/shared';
import type { TFunction } from 'i18next';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CountedTextarea } from '../lib/CountedTextarea.tsx';
import { formatTime } from '../lib/format-time.ts';
import { CallbackPicker } from './CallbackPicker.tsx';
import { LanguageBarrierPicker } from './LanguageBarrierPicker.tsx';
import { ContactCard } from './ContactCard.tsx';
import { OutcomeButtons } from './OutcomeButtons.tsx';
import { QuestionsPanel } from './QuestionsPanel.tsx';
import { checkCallbackTime, toLocalInputValue, type CallbackCheck } from './callback-time.ts';
import type { ActionError } from './use-offer.ts';
import { useOutcomeKeys } from './use-outcome-keys.ts';

export interface OutcomeChoice {
  outcome: Outcome;
  note?: string;
  callbackAt?: string;
  language?: string;
  answers?: Answers;
}

interface ContactWorkspaceProps {
  assignment: Assignment;
  /** Saving, or offline: outcomes wait. */
  disabled: boolean;
  offline: boolean;
  error: ActionError | null;
  onOutcome: (choice: OutcomeChoice) => void;
  onSkip: () => void;
  onNext: () => void;
  /** The lease ran out: the contact went back to the queue. */
  onLapse: () => void;
  /** Shown beside the contact card: the list's script. */
  beside?: ReactNode;
  /** Shown under the outcomes: flagging the call. */
  tools?: ReactNode;
}

/** What is wrong with the call-back time: the check's verdict, or a quick choice that no longer fits today. */
type CallbackProblem = Extract<CallbackCheck, { ok: false }>['problem'] | 'too_late_today';

interface CallbackDraft {
  openedAt: Date;
  value: string;
  problem: CallbackProblem | null;
}

function problemText(t: TFunction, problem: CallbackProblem): string {
  switch (problem) {
    case 'missing':
      return t('callback.needTime');
    case 'invalid':
      return t('callback.invalid');
    case 'in_past':
      return t('callback.inPast');
    case 'too_far':
      return t('callback.tooFar', { days: CALLBACK_MAX_DAYS });
    case 'too_late_today':
      return t('callback.tooLateToday');
  }
}

/**
 * One contact and everything the volunteer does with it. Mounted per assignment (keyed by
 * its id), so the note and call-back time start empty for each contact, yet survive a failed save.
 */
export function ContactWorkspace(props: ContactWorkspaceProps) {
  const { t } = useTranslation();
  const { assignment, disabled, offline, error, onOutcome, onSkip, onNext, onLapse, beside, tools } = props;
  const [note, setNote] = useState('');
  const [callback, setCallback] = useState<CallbackDraft | null>(null);
  // The language barrier's draft: the person's language (preselected when the list knows it).
  const [barrier, setBarrier] = useState<{ language: string; problem: boolean } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const callbackButtonRef = useRef<HTMLButtonElement>(null);
  const barrierButtonRef = useRef<HTMLButtonElement>(null);
  const barrierSelectRef = useRef<HTMLSelectElement>(null);
  // A conversation on a list with questions asks them before it is saved.
  const [asking, setAsking] = useState(false);
  const conversationButtonRef = useRef<HTMLButtonElement>(null);
  const questions = assignment.contact.questions;
  const notesEnabled = assignment.contact.list.notesEnabled;
  // The list's owner switched notes off: nothing typed earlier may slip through.
  const trimmedNote = !notesEnabled || note.trim() === '' ? undefined : note.trim();
  // When the lease runs out the server may give the contact to another station, so it leaves the
  // screen. The page does not fetch another by itself: a volunteer who walked away must not keep
  // drawing contacts (nor look present to the idle check-out).
  const leaseEnded = useEffectEvent(() => onLapse());
  useEffect(() => {
    const timer = setTimeout(leaseEnded, Math.max(0, Date.parse(assignment.expiresAt) - Date.now() + 1000));
    return () => clearTimeout(timer);
  }, [assignment.expiresAt]);

  const confirmCallback = () => {
    if (disabled || !callback) return;
    const check = checkCallbackTime(callback.value, new Date());
    if (!check.ok) {
      setCallback({ ...callback, problem: check.problem });
      document.getElementById('callback-at')?.focus();
      return;
    }
    onOutcome({ outcome: 'call_back', note: trimmedNote, callbackAt: check.callbackAt });
  };

  const confirmBarrier = () => {
    if (disabled || !barrier) return;
    if (barrier.language === '') {
      setBarrier({ ...barrier, problem: true });
      barrierSelectRef.current?.focus();
      return;
    }
    onOutcome({ outcome: 'language_barrier', note: trimmedNote, language: barrier.language });
  };

  const select = (outcome: Outcome) => {
    if (disabled) return;
    if (outcome === 'language_barrier') {
      // Like a call-back: the first press asks which language, the next one saves.
      setCallback(null);
      if (!barrier) setBarrier({ language: assignment.contact.preferredLanguage ?? '', problem: false });
      else confirmBarrier();
      return;
    }
    if (outcome === 'conversation' && questions.length > 0) {
      setCallback(null);
      setBarrier(null);
      setAsking(true);
      return;
    }
    if (outcome !== 'call_back') {
      onOutcome({ outcome, note: trimmedNote });
      return;
    }
    // A call-back needs a time: the first press opens the picker, the next one saves.
    setBarrier(null);
    if (!callback) setCallback({ openedAt: new Date(), value: '', problem: null });
    else confirmCallback();
  };

  // While the questions are open the number keys pick answers, not outcomes.
  useOutcomeKeys(select, !asking);

  const closeQuestions = () => {
    setAsking(false);
    // The questions and their focused answer are gone: focus goes back to "conversation".
    requestAnimationFrame(() => conversationButtonRef.current?.focus());
  };

  const pickQuick = (choice: Date | null) => {
    if (!callback) return;
    if (!choice) {
      setCallback({ ...callback, problem: 'too_late_today' });
      return;
    }
    setCallback({ ...callback, value: toLocalInputValue(choice), problem: null });
    confirmRef.current?.focus();
  };

  return (
    <div className="workspace">
      <div className="workspace-contact">
        <ContactCard contact={assignment.contact} />
        {beside}
      </div>
      <section className="record" aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">{t('record.heading')}</h2>
        <p className="muted">{t('record.hint')}</p>
        {offline && (
          <p className="alert" role="status">
            {t('offline.queued')}
          </p>
        )}
        {error && (
          <div className="alert" role="alert">
            <p>{error.message}</p>
            {error.detail && <p className="alert-detail">{error.detail}</p>}
            {error.assignmentGone && (
              <button type="button" onClick={onNext}>
                {t('errors.nextContact')}
              </button>
            )}
          </div>
        )}
        {asking ? (
          <QuestionsPanel
            questions={questions}
            disabled={disabled}
            // Nothing answered: the conversation is saved as it would be without questions.
            onSave={(answers) => onOutcome({ outcome: 'conversation', note: trimmedNote, ...(Object.keys(answers).length > 0 && { answers }) })}
            onCancel={closeQuestions}
          />
        ) : (
          <OutcomeButtons
            disabled={disabled}
            callbackOpen={callback !== null}
            barrierOpen={barrier !== null}
            onSelect={select}
            conversationRef={conversationButtonRef}
            callbackRef={callbackButtonRef}
            barrierRef={barrierButtonRef}
          />
        )}
        {barrier && (
          <LanguageBarrierPicker
            value={barrier.language}
            problem={barrier.problem}
            disabled={disabled}
            selectRef={barrierSelectRef}
            onChange={(language) => setBarrier({ language, problem: false })}
            onConfirm={confirmBarrier}
            onCancel={() => {
              setBarrier(null);
              barrierButtonRef.current?.focus();
            }}
          />
        )}
        {callback && (
          <CallbackPicker
            value={callback.value}
            openedAt={callback.openedAt}
            problem={callback.problem && problemText(t, callback.problem)}
            disabled={disabled}
            confirmRef={confirmRef}
            onChange={(value) => setCallback({ ...callback, value, problem: null })}
            onQuickChoice={pickQuick}
            onConfirm={confirmCallback}
            onCancel={() => {
              setCallback(null);
              // The picker and its focused control are gone: focus goes back to where it opened.
              callbackButtonRef.current?.focus();
            }}
          />
        )}
        {notesEnabled ? (
          <CountedTextarea
            className="note"
            id="note"
            label={t('record.noteLabel')}
            value={note}
            max={NOTE_MAX_LENGTH}
            rows={3}
            count={t('record.noteCount', { count: note.length, max: NOTE_MAX_LENGTH })}
            onChange={setNote}
          />
        ) : (
          <p className="muted notes-off" data-testid="notes-off">
            {t('record.notesOff')}
          </p>
        )}
        <div className="record-footer">
          <button type="button" className="skip" aria-disabled={disabled} onClick={() => !disabled && onSkip()}>
            {t('record.skip')}
          </button>
          <p className="muted">{t('station.heldUntil', { time: formatTime(assignment.expiresAt) })}</p>
        </div>
        {tools}
      </section>
    </div>
  );
}
