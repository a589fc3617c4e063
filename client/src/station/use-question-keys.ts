import { useEffect, useEffectEvent } from 'react';

/** The note and other text fields keep their keys; the answers' own radio buttons do not. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return target.type !== 'radio';
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

export interface QuestionKeyHandlers {
  /** ↑/↓: the previous or next question. */
  move: (step: -1 | 1) => void;
  /** ←/→: the previous or next answer of the current question. */
  step: (step: -1 | 1) => void;
  /** 1–9: that answer of the current question. */
  pick: (index: number) => void;
  save: () => void;
  cancel: () => void;
}

/** The keyboard while the questions are open: the whole conversation is recorded without the mouse. */
export function useQuestionKeys(handlers: QuestionKeyHandlers): void {
  const handleKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTextField(event.target)) return;
    const key = event.key;
    if (key === 'ArrowUp' || key === 'ArrowDown') handlers.move(key === 'ArrowUp' ? -1 : 1);
    else if (key === 'ArrowLeft' || key === 'ArrowRight') handlers.step(key === 'ArrowLeft' ? -1 : 1);
    else if (/^[1-9]$/.test(key) && !event.repeat) handlers.pick(Number(key) - 1);
    // A focused button (Back, Save) answers Enter itself.
    else if (key === 'Enter' && !event.repeat && !(event.target instanceof HTMLButtonElement)) handlers.save();
    else if (key === 'Escape') handlers.cancel();
    else return;
    // Arrows would otherwise also move the radio selection natively, or scroll the page.
    event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => handleKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
