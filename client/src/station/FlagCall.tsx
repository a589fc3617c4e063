import { ROOM_MESSAGE_MAX } from '@ringstuga/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import type { StationSocket } from './station-socket.ts';

/** The ready-made messages, in the order they are offered. */
const SUGGESTIONS = ['followUp', 'wantsOrganiser', 'hostile', 'wrongDetails'] as const;

interface FlagCallProps {
  socket: StationSocket;
  assignmentId: string;
}

/** Asks the call leader to look at this call; mounted per contact, so each starts closed. */
export function FlagCall({ socket, assignmentId }: FlagCallProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  /** Sent with nothing written: the field asks for a message. */
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState(false);
  const command = useCommand(socket);
  const openRef = useRef<HTMLButtonElement>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  const close = () => {
    setOpen(false);
    setEmpty(false);
    command.clearError();
    requestAnimationFrame(() => openRef.current?.focus());
  };

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = message.trim();
    if (text === '') {
      setEmpty(true);
      fieldRef.current?.focus();
      return;
    }
    const result = await command.run('call:flag', { message: text, assignmentId });
    if (!result) return;
    setMessage('');
    setSent(true);
    close();
  };

  return (
    <div className="flag">
      {!open && (
        <button ref={openRef} type="button" aria-expanded={false} onClick={() => { setSent(false); setOpen(true); }}>
          {t('flag.open')}
        </button>
      )}
      {open && (
        <form className="flag-form" aria-labelledby="flag-heading" onSubmit={(event) => void send(event)} noValidate>
          <h3 id="flag-heading">{t('flag.heading')}</h3>
          <label htmlFor="flag-message">{t('flag.messageLabel')}</label>
          <input
            id="flag-message"
            ref={fieldRef}
            autoFocus
            maxLength={ROOM_MESSAGE_MAX}
            value={message}
            aria-invalid={empty}
            onChange={(event) => {
              setMessage(event.target.value);
              setEmpty(false);
            }}
          />
          <div className="suggestions" role="group" aria-label={t('flag.suggestionsLabel')}>
            {SUGGESTIONS.map((suggestion) => {
              const text = t(`flag.suggestions.${suggestion}`);
              return (
                <button key={suggestion} type="button" className="chip" onClick={() => setMessage(text)}>
                  {text}
                </button>
              );
            })}
          </div>
          {empty && (
            <p className="field-problem" role="alert">
              {t('flag.needMessage')}
            </p>
          )}
          <CommandError error={command.error} />
          <div className="button-row">
            <button type="submit" className="primary" aria-disabled={command.pending}>
              {t('flag.send')}
            </button>
            <button type="button" onClick={close}>
              {t('flag.cancel')}
            </button>
          </div>
        </form>
      )}
      <p className="notice" aria-live="polite">
        {sent ? t('flag.sent') : ''}
      </p>
    </div>
  );
}
