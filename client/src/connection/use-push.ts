import { clientPushes, type ClientPushes, type PushPayload } from '@ringstuga/shared';
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { ResultSchema } from './command.ts';

/** Every push a client hears, by name (the registry in shared/src/events.ts). */
export type PushName = keyof ClientPushes & string;
export type PushOf<E extends PushName> = PushPayload<ClientPushes[E]>;
/** A socket whose namespace pushes `E`: `E` must be in its listen map. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io-client's own EventsMap constraint
export type PushSource<E extends string> = Socket<{ [K in E]: (...args: never[]) => void }, { [event: string]: any }>;

// Indexed by a generic name, this mapped view keeps each push's own payload type.
const schemas: { [E in PushName]: ResultSchema<PushOf<E>> } = clientPushes;

/**
 * Calls `onPush` with each `event` the server pushes, parsed with the registry's schema. A push
 * this page cannot read (say, from a newer server) goes to `onUnreadable`, or is dropped.
 * The latest callbacks are used without subscribing again, so they need not be stable.
 */
export function usePush<E extends PushName>(
  socket: PushSource<E>,
  event: E,
  onPush: (payload: PushOf<E>) => void,
  onUnreadable?: () => void,
): void {
  const handlers = useRef({ onPush, onUnreadable });
  useEffect(() => {
    handlers.current = { onPush, onUnreadable };
  });
  useEffect(() => {
    const raw: Socket = socket;
    const name: string = event;
    const listener = (payload: unknown) => {
      const parsed = schemas[event].safeParse(payload);
      if (parsed.success) handlers.current.onPush(parsed.data);
      else handlers.current.onUnreadable?.();
    };
    raw.on(name, listener);
    return () => void raw.off(name, listener);
  }, [socket, event]);
}
