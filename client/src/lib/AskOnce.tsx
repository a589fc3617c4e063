import { useEffect, useRef } from 'react';

/** The one question before something that cannot be undone (cancel a session, revoke a link); the yes button takes focus as it appears. */
export function AskOnce({ id, question, yes, no, busy = false, onAnswer }: { id: string; question: string; yes: string; no: string; busy?: boolean; onAnswer: (yes: boolean) => void }) {
  const yesButton = useRef<HTMLButtonElement>(null);
  // Once, not at every render: a page re-rendering meanwhile must not pull focus back here.
  useEffect(() => yesButton.current?.focus(), []);
  return (
    <div className="cancel-prompt" role="alertdialog" aria-labelledby={id}>
      <p id={id}>{question}</p>
      <div className="button-row">
        <button type="button" className="primary" aria-disabled={busy} ref={yesButton} onClick={() => onAnswer(true)}>
          {yes}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {no}
        </button>
      </div>
    </div>
  );
}
