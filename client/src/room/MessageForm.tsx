import { ROOM_MESSAGE_MAX } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { CountedTextarea } from '../lib/CountedTextarea.tsx';
import type { RoomSocket } from './room-socket.ts';

/** A message every station in the room shows as a banner until the volunteer closes it. */
export function MessageForm({ socket }: { socket: RoomSocket }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<'empty' | 'sent' | null>(null);
  const command = useCommand(socket);

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice(null);
    const trimmed = text.trim();
    if (trimmed === '') {
      setNotice('empty');
      return;
    }
    if (!(await command.run('room:message', { text: trimmed }))) return;
    setText('');
    setNotice('sent');
  };

  return (
    <section className="panel room-message-form" aria-labelledby="room-message-heading">
      <h2 id="room-message-heading">{t('roomMessage.heading')}</h2>
      <form onSubmit={(event) => void send(event)} noValidate>
        <CountedTextarea
          id="room-message-text"
          label={t('roomMessage.label')}
          value={text}
          max={ROOM_MESSAGE_MAX}
          rows={2}
          count={t('roomMessage.count', { count: text.length, max: ROOM_MESSAGE_MAX })}
          onChange={setText}
        />
        <CommandError error={command.error} />
        <p className="notice" aria-live="polite">
          {notice && t(`roomMessage.${notice}`)}
        </p>
        <button type="submit" className="primary" aria-disabled={command.pending}>
          {t('roomMessage.send')}
        </button>
      </form>
    </section>
  );
}
