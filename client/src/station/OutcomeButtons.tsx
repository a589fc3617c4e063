import { OUTCOMES, outcomeKey, type Outcome } from '@ringstuga/shared';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

interface OutcomeButtonsProps {
  disabled: boolean;
  callbackOpen: boolean;
  barrierOpen: boolean;
  onSelect: (outcome: Outcome) => void;
  /** The conversation, call-back and language-barrier buttons, where focus returns when their panel closes. */
  conversationRef: RefObject<HTMLButtonElement | null>;
  callbackRef: RefObject<HTMLButtonElement | null>;
  barrierRef: RefObject<HTMLButtonElement | null>;
}

/** The outcomes in contract order; the number on each is its keyboard shortcut. */
export function OutcomeButtons({ disabled, callbackOpen, barrierOpen, onSelect, conversationRef, callbackRef, barrierRef }: OutcomeButtonsProps) {
  const { t } = useTranslation();
  const refs: Partial<Record<Outcome, RefObject<HTMLButtonElement | null>>> = {
    conversation: conversationRef,
    call_back: callbackRef,
    language_barrier: barrierRef,
  };
  return (
    <div className="outcomes" role="group" aria-labelledby="outcomes-heading">
      {OUTCOMES.map((outcome) => {
        const key = String(outcomeKey(outcome));
        return (
          <button
            key={outcome}
            ref={refs[outcome]}
            type="button"
            className={`outcome outcome-${outcome}`}
            // aria-disabled keeps focus on the button while an outcome is being saved.
            aria-disabled={disabled}
            aria-keyshortcuts={key}
            aria-expanded={outcome === 'call_back' ? callbackOpen : outcome === 'language_barrier' ? barrierOpen : undefined}
            onClick={() => onSelect(outcome)}
          >
            <kbd aria-hidden="true">{key}</kbd>
            <span>{t(`outcomes.${outcome}`)}</span>
          </button>
        );
      })}
    </div>
  );
}
