import type { RoomMessage } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../lib/format-time.ts';

interface RoomMessagesProps {
  messages: RoomMessage[];
  onDismiss: (id: number) => void;
}

/** The call leader's messages, each a banner until the volunteer closes it. */
export function RoomMessages({ messages, onDismiss }: RoomMessagesProps) {
  const { t } = useTranslation();
  // The live region is always there, so a message that arrives later is read out.
  return (
    <div className="room-messages" aria-live="polite">
      {messages.map((message) => (
        <div key={message.id} className="room-message" role="note" data-testid={`room-message-${message.id}`}>
          <p>
            <strong>{t('messages.from')}</strong>{' '}
            <span className="muted">{t('messages.sentAt', { time: formatTime(message.createdAt) })}</span>
          </p>
          <p className="room-message-text">{message.text}</p>
          <button
            type="button"
            aria-label={t('messages.dismissLabel', { time: formatTime(message.createdAt) })}
            onClick={() => onDismiss(message.id)}
          >
            {t('messages.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
