import { OUTCOMES, outcomeKey, type Outcome } from '@ringstuga/shared';
import type { RefObject } from 'react';
import { sv } from '../i18n/sv.ts';

interface OutcomeButtonsProps {
  disabled: boolean;
  callbackOpen: boolean;
  onSelect: (outcome: Outcome) => void;
  /** The call-back button, where focus returns when the picker closes. */
  callbackRef: RefObject<HTMLButtonElement | null>;
}

/** The eight outcomes in contract order; the number on each is its keyboard shortcut. */
export function OutcomeButtons({ disabled, callbackOpen, onSelect, callbackRef }: OutcomeButtonsProps) {
  return (
    <div className="outcomes" role="group" aria-labelledby="outcomes-heading">
      {OUTCOMES.map((outcome) => {
        const key = String(outcomeKey(outcome));
        return (
          <button
            key={outcome}
            ref={outcome === 'call_back' ? callbackRef : undefined}
            type="button"
            className={`outcome outcome-${outcome}`}
            // aria-disabled keeps focus on the button while an outcome is being saved.
            aria-disabled={disabled}
            aria-keyshortcuts={key}
            aria-expanded={outcome === 'call_back' ? callbackOpen : undefined}
            onClick={() => onSelect(outcome)}
          >
            <kbd aria-hidden="true">{key}</kbd>
            <span>{sv.outcomes[outcome]}</span>
          </button>
        );
      })}
    </div>
  );
}
