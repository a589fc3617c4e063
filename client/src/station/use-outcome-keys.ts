import { OUTCOMES, outcomeForKey, type Outcome } from '@ringstuga/shared';
import { useEffect, useEffectEvent } from 'react';

/** Keys typed into a field belong to the field: a digit in the note or a time is not an outcome. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  );
}

/** Number keys 1–9 (one per outcome) record the outcome with that number, while `active`. */
export function useOutcomeKeys(onOutcome: (outcome: Outcome) => void, active = true): void {
  const handleKey = useEffectEvent((event: KeyboardEvent) => {
    if (!active || event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    const outcome = /^[1-9]$/.test(event.key) && Number(event.key) <= OUTCOMES.length ? outcomeForKey(event.key) : undefined;
    if (!outcome) return;
    event.preventDefault();
    onOutcome(outcome);
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => handleKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
