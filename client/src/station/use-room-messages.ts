import type { RoomMessage } from '@ringstuga/shared';
import { useCallback, useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import type { StationSocket } from './station-socket.ts';

const STORAGE_KEY = 'ringstuga:dismissed-room-messages';
// Enough to cover every message still re-sent on connect; older ids are never sent again.
const KEEP = 100;

function readDismissed(): number[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
  } catch {
    // Storage off (private mode) or garbled: every message shows again, which is harmless.
    return [];
  }
}

function writeDismissed(ids: readonly number[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(ids.slice(-KEEP)));
  } catch {
    // Storage full or off: the message stays dismissed until the page reloads.
  }
}

export interface RoomMessages {
  /** Messages not yet dismissed, oldest first. */
  messages: RoomMessage[];
  dismiss: (id: number) => void;
}

/** The leader's messages, each shown until dismissed; dismissals survive a reload. */
export function useRoomMessages(socket: StationSocket): RoomMessages {
  const [received, setReceived] = useState<RoomMessage[]>([]);
  const [dismissed, setDismissed] = useState<number[]>(readDismissed);

  // Re-sent on every connect: keep one copy of each.
  usePush(socket, 'room:message', (next) =>
    setReceived((current) => (current.some((known) => known.id === next.id) ? current : [...current, next])),
  );

  const dismiss = useCallback((id: number) => {
    setDismissed((current) => {
      const next = current.includes(id) ? current : [...current, id];
      writeDismissed(next);
      return next;
    });
  }, []);

  const messages = received.filter((message) => !dismissed.includes(message.id));
  return { messages, dismiss };
}
