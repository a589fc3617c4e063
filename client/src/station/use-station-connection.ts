import { zLeaderboard, zStationHello, type Leaderboard, type StationHello } from '@ringstuga/shared';
import type { Socket } from 'socket.io-client';
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { changedCodes, type LeaderboardView } from '../leaderboard/standings.ts';
import type { StationSocket } from './station-socket.ts';
import { setCampaignZone } from '../lib/campaign-clock.ts';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  /** Was connected, lost it; socket.io is retrying. */
  | { status: 'reconnecting' }
  /** Never got through (server down or unreachable); socket.io is retrying. */
  | { status: 'unreachable' }
  /** The server's handshake check said no (e.g. a bad token); nothing retries. */
  | { status: 'refused'; reason: string }
  /** The server closed the connection (e.g. the station was revoked); nothing retries. */
  | { status: 'kicked' };

export interface StationConnection {
  connection: ConnectionState;
  hello: StationHello | null;
  board: LeaderboardView | null;
  reconnect: () => void;
}

/** Owns the socket's lifetime and its pushes; `onConnect` runs after every (re)connect. */
export function useStationConnection(socket: StationSocket, onConnect: () => void): StationConnection {
  const [connection, setConnection] = useState<ConnectionState>({ status: 'connecting' });
  const [hello, setHello] = useState<StationHello | null>(null);
  const [board, setBoard] = useState<LeaderboardView | null>(null);
  const connected = useEffectEvent(() => onConnect());

  useEffect(() => {
    let everConnected = false;
    const handleConnect = () => {
      everConnected = true;
      setConnection({ status: 'connected' });
      connected();
    };
    const handleConnectError = (error: Error) => {
      // socket.active stays true while socket.io retries on its own (network trouble);
      // a refusal from the server's handshake middleware switches it off.
      if (!socket.active) setConnection({ status: 'refused', reason: error.message });
      else setConnection({ status: everConnected ? 'reconnecting' : 'unreachable' });
    };
    const handleDisconnect = (reason: Socket.DisconnectReason) => {
      if (socket.active) setConnection({ status: 'reconnecting' });
      else if (reason === 'io server disconnect') setConnection({ status: 'kicked' });
    };
    // A push the page does not understand (say, a newer server) is dropped, not rendered.
    const handleHello = (message: StationHello) => {
      const parsed = zStationHello.safeParse(message);
      if (!parsed.success) return;
      setCampaignZone(parsed.data.timeZone);
      setHello(parsed.data);
    };
    const handleLeaderboard = (message: Leaderboard) => {
      const parsed = zLeaderboard.safeParse(message);
      if (!parsed.success) return;
      const leaderboard = parsed.data;
      setBoard((previous) => ({
        leaderboard,
        changed: previous ? changedCodes(previous.leaderboard, leaderboard) : new Set<string>(),
        version: (previous?.version ?? 0) + 1,
      }));
    };

    socket.on('connect', handleConnect);
    socket.on('connect_error', handleConnectError);
    socket.on('disconnect', handleDisconnect);
    socket.on('station:hello', handleHello);
    socket.on('leaderboard:update', handleLeaderboard);
    socket.connect();
    return () => {
      socket.off('connect', handleConnect);
      socket.off('connect_error', handleConnectError);
      socket.off('disconnect', handleDisconnect);
      socket.off('station:hello', handleHello);
      socket.off('leaderboard:update', handleLeaderboard);
      socket.disconnect();
    };
  }, [socket]);

  const reconnect = useCallback(() => {
    setConnection({ status: 'connecting' });
    socket.connect();
  }, [socket]);

  return { connection, hello, board, reconnect };
}
