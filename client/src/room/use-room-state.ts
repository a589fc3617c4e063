import { zRoomState, type RoomState } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
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

  useEffect(() => {
    // A push the page does not understand (say, a newer server) is dropped, not rendered.
    const handleState = (message: RoomState) => {
      const parsed = zRoomState.safeParse(message);
      if (!parsed.success) return;
      setCampaignZone(parsed.data.timeZone);
      setState(parsed.data);
    };
    socket.on('room:state', handleState);
    return () => {
      socket.off('room:state', handleState);
    };
  }, [socket]);

  const connection = useSocketConnection(socket);
  return { ...connection, state };
}
