import type { ScreenState } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import { useSocketConnection, type SocketConnection } from '../connection/use-socket-connection.ts';
import { setCampaignZone } from '../lib/campaign-clock.ts';
import type { ScreenSocket } from './screen-socket.ts';

export interface ScreenConnection extends SocketConnection {
  /** The latest figures; kept through a drop, so the screen never goes blank. */
  state: ScreenState | null;
}

export function useScreenState(socket: ScreenSocket): ScreenConnection {
  const [state, setState] = useState<ScreenState | null>(null);
  usePush(socket, 'screen:state', (figures) => {
    setCampaignZone(figures.timeZone);
    setState(figures);
  });
  const connection = useSocketConnection(socket);
  return { ...connection, state };
}
