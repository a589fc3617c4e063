import { ROOM_MESSAGE_MAX, zOkResult } from '@ringstuga/shared';
import { useRef, useState, type FormEvent } from 'react';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { sv } from '../i18n/sv.ts';
import type { StationSocket } from './station-socket.ts';

interface FlagCallProps {
  socket: StationSocket;
  assignmentId: string;
}

/** Asks the call leader to look at this call; mounted per contact, so each starts closed. */
export function FlagCall({ socket, assignmentId }: FlagCallProps) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const command = useCommand(socket);
  const openRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  const close = () => {
    setOpen(false);
    setProblem(null);
    command.clearError();
    requestAnimationFrame(() => openRef.current?.focus());
  };

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = message.trim();
    if (text === '') {
      setProblem(sv.flag.needMessage);
      fieldRef.current?.focus();
      return;
    }
    const result = await command.run(zOkResult, () => socket.emitWithAck('call:flag', { message: text, assignmentId }));
    if (!result) return;
    setMessage('');
    setSent(true);
    close();
  };

  return (
    <div className="flag">
      {!open && (
        <button ref={openRef} type="button" aria-expanded={false} onClick={() => { setSent(false); setOpen(true); }}>
          {sv.flag.open}
        </button>
      )}
      {open && (
        <form className="flag-form" aria-labelledby="flag-heading" onSubmit={(event) => void send(event)} noValidate>
          <h3 id="flag-heading">{sv.flag.heading}</h3>
          <label htmlFor="flag-message">{sv.flag.messageLabel}</label>
          <input
            id="flag-message"
            ref={fieldRef}
            autoFocus
            maxLength={ROOM_MESSAGE_MAX}
            value={message}
            aria-invalid={problem !== null}
            onChange={(event) => {
              setMessage(event.target.value);
              setProblem(null);
            }}
          />
          <div className="suggestions" role="group" aria-label={sv.flag.suggestionsLabel}>
            {sv.flag.suggestions.map((suggestion) => (
              <button key={suggestion} type="button" className="chip" onClick={() => setMessage(suggestion)}>
                {suggestion}
              </button>
            ))}
          </div>
          {problem && (
            <p className="field-problem" role="alert">
              {problem}
            </p>
          )}
          <CommandError error={command.error} />
          <div className="button-row">
            <button type="submit" className="primary" aria-disabled={command.pending}>
              {sv.flag.send}
            </button>
            <button type="button" onClick={close}>
              {sv.flag.cancel}
            </button>
          </div>
        </form>
      )}
      <p className="notice" aria-live="polite">
        {sent ? sv.flag.sent : ''}
      </p>
    </div>
  );
}
