import type { Socket } from 'socket.io-client';
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** Was connected, lost it; socket.io is retrying. */
  | { status: 'reconnecting' }
  /** Never got through (server down or unreachable); socket.io is retrying. */
  | { status: 'unreachable' }
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
    const handleConnect = () => {
      everConnected = true;
      setConnection({ status: 'connected' });
    };
    const handleConnectError = (error: Error) => {
      // socket.active stays true while socket.io retries on its own (network trouble);
      // a refusal from the server's handshake middleware switches it off.
      if (!socket.active) setConnection({ status: 'refused', reason: error.message, why: reasonOf(error) });
      else setConnection({ status: everConnected ? 'reconnecting' : 'unreachable' });
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
