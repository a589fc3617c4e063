import { zScreenState, type ScreenState } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
import { useSocketConnection, type SocketConnection } from '../connection/use-socket-connection.ts';
import { setCampaignZone } from '../lib/campaign-clock.ts';
import type { ScreenSocket } from './screen-socket.ts';

export interface ScreenConnection extends SocketConnection {
  /** The latest figures; kept through a drop, so the screen never goes blank. */
  state: ScreenState | null;
}

export function useScreenState(socket: ScreenSocket): ScreenConnection {
  const [state, setState] = useState<ScreenState | null>(null);

  useEffect(() => {
    const handleState = (message: ScreenState) => {
      const parsed = zScreenState.safeParse(message);
      if (!parsed.success) return;
      setCampaignZone(parsed.data.timeZone);
      setState(parsed.data);
    };
    socket.on('screen:state', handleState);
    return () => {
      socket.off('screen:state', handleState);
    };
  }, [socket]);

  const connection = useSocketConnection(socket);
  return { ...connection, state };
}
