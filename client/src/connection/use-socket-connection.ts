import type { Socket } from 'socket.io-client';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** Was connected, lost it; socket.io, or this hook, is retrying. `why`: the server's reason for a passing refusal. */
  | { status: 'reconnecting'; why?: string }
  /** Never got through (server down or unreachable); socket.io, or this hook, is retrying. */
  | { status: 'unreachable'; why?: string }
  /** The server's handshake check said no (e.g. a bad token); nothing retries. `why`: its reason, when it gave one. */
  | { status: 'refused'; reason: string; why?: string }
  /** The server closed the connection (e.g. the link was revoked); nothing retries. */
  | { status: 'kicked' };

// socket.io hands the server's `data` beside a refusal's message; the server puts its reason there.
const zRefusalData = z.object({ reason: z.string() });
const reasonOf = (error: Error): string | undefined => {
  const data = zRefusalData.safeParse((error as Error & { data?: unknown }).data);
  return data.success ? data.data.reason : undefined;
};

// Refusals that pass, and when to try again. A join the server could not check just now (its
// database out of reach): sooner at first, then at most every RETRY_MAX_MS. An address over its failed
// joins (one stale link on a room's shared Wi-Fi is enough): after the server's minute. Each spread
// so that a room's devices do not all come back in the same instant.
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 10_000;
const FAILED_JOINS_WINDOW_MS = 60_000;
const spread = (ms: number) => ms * (0.5 + Math.random() / 2);
const retryDelay = (why: string | undefined, tries: number): number | undefined => {
  if (why === 'join_unavailable') return spread(Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (tries - 1)));
  if (why === 'too_many_failed_joins') return FAILED_JOINS_WINDOW_MS + spread(RETRY_MAX_MS);
  return undefined;
};

/** The server refused the join for good (a bad or ended token): neither socket.io nor this hook tries again. */
export const refusedForGood = (socket: Pick<Socket, 'active'>, error: Error): boolean =>
  !socket.active && retryDelay(reasonOf(error), 1) === undefined;

/** Just the lifecycle, which every typed socket has whatever events it carries. */
export type LifecycleSocket = Pick<Socket, 'active' | 'connect' | 'disconnect' | 'on' | 'off'>;

export interface SocketConnection {
  connection: ConnectionState;
  reconnect: () => void;
}

/**
 * Owns a socket's lifetime: connects on mount, disconnects on unmount, and says how the
 * connection is doing. A page registers its own push handlers before this connects.
 */
export function useSocketConnection(socket: LifecycleSocket): SocketConnection {
  const [connection, setConnection] = useState<ConnectionState>({ status: 'connecting' });

  useEffect(() => {
    let everConnected = false;
    let tries = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const handleConnect = () => {
      everConnected = true;
      tries = 0;
      setConnection({ status: 'connected' });
    };
    const handleConnectError = (error: Error) => {
      // socket.active stays true while socket.io retries on its own (network trouble); a refusal
      // from the server's handshake middleware switches it off, and only a passing one is retried here.
      if (socket.active) return setConnection({ status: everConnected ? 'reconnecting' : 'unreachable' });
      const why = reasonOf(error);
      const delay = retryDelay(why, tries + 1);
      if (delay === undefined) return setConnection({ status: 'refused', reason: error.message, why });
      tries += 1;
      setConnection({ status: everConnected ? 'reconnecting' : 'unreachable', why });
      retry = setTimeout(() => socket.connect(), delay);
    };
    const handleDisconnect = (reason: Socket.DisconnectReason) => {
      if (socket.active) setConnection({ status: 'reconnecting' });
      else if (reason === 'io server disconnect') setConnection({ status: 'kicked' });
    };
    socket.on('connect', handleConnect);
    socket.on('connect_error', handleConnectError);
    socket.on('disconnect', handleDisconnect);
    socket.connect();
    return () => {
      clearTimeout(retry);
      socket.off('connect', handleConnect);
      socket.off('connect_error', handleConnectError);
      socket.off('disconnect', handleDisconnect);
      socket.disconnect();
    };
  }, [socket]);

  const reconnect = useCallback(() => {
    setConnection({ status: 'connecting' });
    socket.connect();
  }, [socket]);

  return { connection, reconnect };
}
