import type { RoomState } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import { useSocketConnection, type SocketConnection } from '../connection/use-socket-connection.ts';
import { setCampaignZone } from '../lib/campaign-clock.ts';
import type { RoomSocket } from './room-socket.ts';

export interface RoomConnection extends SocketConnection {
  /** The latest board; kept through a drop, so the leader still sees the last known state. */
  state: RoomState | null;
}

/** The leader's board: pushed whole on connect and on every change. */
export function useRoomState(socket: RoomSocket): RoomConnection {
  const [state, setState] = useState<RoomState | null>(null);
  usePush(socket, 'room:state', (board) => {
    setCampaignZone(board.timeZone);
    setState(board);
  });
  const connection = useSocketConnection(socket);
  return { ...connection, state };
}
