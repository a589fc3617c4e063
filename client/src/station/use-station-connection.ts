import type { StationHello } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
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

  usePush(socket, 'station:hello', (greeting) => {
    setCampaignZone(greeting.timeZone);
    setHello(greeting);
  });
  usePush(socket, 'leaderboard:update', (leaderboard) =>
    setBoard((previous) => ({
      leaderboard,
      changed: previous ? changedCodes(previous.leaderboard, leaderboard) : new Set<string>(),
      version: (previous?.version ?? 0) + 1,
    })),
  );

  // Called after the push handlers above, so nothing sent on connect is missed.
  const { connection, reconnect } = useSocketConnection(socket);
  return { connection, hello, board, reconnect };
}
