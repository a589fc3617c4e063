import { zLeaderboard, zStationHello, type Leaderboard, type StationHello } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
import { useSocketConnection, type ConnectionState } from '../connection/use-socket-connection.ts';
import { changedCodes, type LeaderboardView } from '../leaderboard/standings.ts';
import { setCampaignZone } from '../lib/campaign-clock.ts';
import type { StationSocket } from './station-socket.ts';

export interface StationConnection {
  connection: ConnectionState;
  hello: StationHello | null;
  board: LeaderboardView | null;
  reconnect: () => void;
}

/** Owns the socket's lifetime and the station's hello and leaderboard pushes. */
export function useStationConnection(socket: StationSocket): StationConnection {
  const [hello, setHello] = useState<StationHello | null>(null);
  const [board, setBoard] = useState<LeaderboardView | null>(null);

  useEffect(() => {
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
    socket.on('station:hello', handleHello);
    socket.on('leaderboard:update', handleLeaderboard);
    return () => {
      socket.off('station:hello', handleHello);
      socket.off('leaderboard:update', handleLeaderboard);
    };
  }, [socket]);

  // Called after the push handlers above, so nothing sent on connect is missed.
  const { connection, reconnect } = useSocketConnection(socket);
  return { connection, hello, board, reconnect };
}
