import { CALLBACK_MAX_DAYS, NOTE_MAX_LENGTH, type Assignment, type Outcome } from '@ringstuga/shared';
import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatTime } from '../lib/format-time.ts';
import { CallbackPicker } from './CallbackPicker.tsx';
import { ContactCard } from './ContactCard.tsx';
import { OutcomeButtons } from './OutcomeButtons.tsx';
import { checkCallbackTime, toLocalInputValue, type CallbackCheck } from './callback-time.ts';
import type { ActionError } from './use-offer.ts';
import { useOutcomeKeys } from './use-outcome-keys.ts';

export interface OutcomeChoice {
  outcome: Outcome;
  note?: string;
  callbackAt?: string;
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

interface CallbackDraft {
  openedAt: Date;
  value: string;
  problem: string | null;
}

const PROBLEMS: Record<Extract<CallbackCheck, { ok: false }>['problem'], string> = {
  missing: sv.callback.needTime,
  invalid: sv.callback.invalid,
  in_past: sv.callback.inPast,
  too_far: interpolate(sv.callback.tooFar, { days: CALLBACK_MAX_DAYS }),
};

/**
 * One contact and everything the volunteer does with it. Mounted per assignment (keyed by
 * its id), so the note and call-back time start empty for each contact, yet survive a failed save.
 */
export function ContactWorkspace(props: ContactWorkspaceProps) {
  const { assignment, disabled, offline, error, onOutcome, onSkip, onNext, onLapse, beside, tools } = props;
  const [note, setNote] = useState('');
  const [callback, setCallback] = useState<CallbackDraft | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const callbackButtonRef = useRef<HTMLButtonElement>(null);
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
      setCallback({ ...callback, problem: PROBLEMS[check.problem] });
      document.getElementById('callback-at')?.focus();
      return;
    }
    onOutcome({ outcome: 'call_back', note: trimmedNote, callbackAt: check.callbackAt });
  };

  const select = (outcome: Outcome) => {
    if (disabled) return;
    if (outcome !== 'call_back') {
      onOutcome({ outcome, note: trimmedNote });
      return;
    }
    // A call-back needs a time: the first press opens the picker, the next one saves.
    if (!callback) setCallback({ openedAt: new Date(), value: '', problem: null });
    else confirmCallback();
  };

  useOutcomeKeys(select);

  const pickQuick = (choice: Date | null) => {
    if (!callback) return;
    if (!choice) {
      setCallback({ ...callback, problem: sv.callback.tooLateToday });
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
        <h2 id="outcomes-heading">{sv.record.heading}</h2>
        <p className="muted">{sv.record.hint}</p>
        {offline && (
          <p className="alert" role="status">
            {sv.errors.disconnected}
          </p>
        )}
        {error && (
          <div className="alert" role="alert">
            <p>{error.message}</p>
            {error.detail && <p className="alert-detail">{error.detail}</p>}
            {error.assignmentGone && (
              <button type="button" onClick={onNext}>
                {sv.errors.nextContact}
              </button>
            )}
          </div>
        )}
        <OutcomeButtons
          disabled={disabled}
          callbackOpen={callback !== null}
          onSelect={select}
          callbackRef={callbackButtonRef}
        />
        {callback && (
          <CallbackPicker
            value={callback.value}
            openedAt={callback.openedAt}
            problem={callback.problem}
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
          <div className="note">
            <label htmlFor="note">{sv.record.noteLabel}</label>
            <textarea
              id="note"
              rows={3}
              maxLength={NOTE_MAX_LENGTH}
              value={note}
              aria-describedby="note-count"
              onChange={(event) => setNote(event.target.value)}
            />
            <p id="note-count" className="muted note-count">
              {interpolate(sv.record.noteCount, { count: note.length, max: NOTE_MAX_LENGTH })}
            </p>
          </div>
        ) : (
          <p className="muted notes-off" data-testid="notes-off">
            {sv.record.notesOff}
          </p>
        )}
        <div className="record-footer">
          <button type="button" className="skip" aria-disabled={disabled} onClick={() => !disabled && onSkip()}>
            {sv.record.skip}
          </button>
          <p className="muted">{interpolate(sv.station.heldUntil, { time: formatTime(assignment.expiresAt) })}</p>
        </div>
        {tools}
      </section>
    </div>
  );
}
