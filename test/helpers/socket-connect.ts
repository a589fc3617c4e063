import { io, type Socket } from 'socket.io-client';
import type { EventsMap } from '@socket.io/component-emitter';

/**
 * A socket on `namespace` made but not yet connected, so a test can listen for what the server
 * pushes on connect before `connect`ing it. No reconnection: a dropped socket stays dropped.
 */
export function unconnectedSocket<L extends EventsMap, E extends EventsMap>(
  url: string,
  namespace: string,
  auth: Record<string, string>,
  extraHeaders?: Record<string, string>,
): Socket<L, E> {
  return io(`${url}${namespace}`, {
    auth,
    ...(extraHeaders && { extraHeaders }),
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
  });
}

/**
 * Connects a made socket: resolves on connect, rejects with the server's refusal on
 * connect_error (socket.io's own connection timeout bounds the wait).
 */
export function connect<S extends Socket>(socket: S): Promise<S> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
    socket.connect();
  });
}

/** Connects and leaves at once: the server's refusal, its message and the `data` it sent beside it (undefined if it joined). */
export async function refusalAtJoin(socket: Socket): Promise<{ message: string; data: unknown } | undefined> {
  try {
    await connect(socket);
    return undefined;
  } catch (error) {
    return { message: (error as Error).message, data: (error as Error & { data?: unknown }).data };
  } finally {
    socket.close();
  }
}

/** Connects and leaves at once: 'joined', or the server's refusal message. */
export async function tryJoin(socket: Socket): Promise<string> {
  try {
    await connect(socket);
    return 'joined';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    socket.close();
  }
}
