import type { Socket, SocketReservedEvents } from 'socket.io-client';
import type { EventsMap } from '@socket.io/component-emitter';

/** Everything a socket may hear: the namespace's pushes (its registry in shared/src/events.ts) and socket.io's own events. */
type Heard<L extends EventsMap> = L & SocketReservedEvents;
type HeardName<L extends EventsMap> = keyof Heard<L> & string;
type HeardArgs<L extends EventsMap, E extends HeardName<L>> = Parameters<Heard<L>[E]>;

export interface WaitOptions<Args extends unknown[]> {
  /** Only an event whose arguments pass this counts; others are let by. */
  accept?: (...args: Args) => boolean;
  /** Milliseconds before the wait fails (generous: the machine is shared). */
  timeout?: number;
}

/**
 * Resolves with the first argument of the next `event` on `socket` that `accept`s, or rejects
 * after `timeout` ms naming the event. Listen before doing what causes the event.
 */
export function waitForEvent<L extends EventsMap, E extends HeardName<L>>(
  socket: Socket<L, EventsMap>,
  event: E,
  options: WaitOptions<HeardArgs<L, E>> = {},
): Promise<HeardArgs<L, E>[0]> {
  const { accept = () => true, timeout = 5_000 } = options;
  // socket.io types a listener per event name; one listener for any name of the map needs the untyped view.
  const untyped: Socket = socket;
  const name: string = event;
  return new Promise((resolve, reject) => {
    const listener = (...args: HeardArgs<L, E>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      untyped.off(name, listener);
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      untyped.off(name, listener);
      reject(new Error(`waitForEvent: no '${event}' within ${timeout} ms`));
    }, timeout);
    untyped.on(name, listener);
  });
}
