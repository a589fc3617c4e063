import type { Shift } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import type { StationSocket } from './station-socket.ts';

export interface ShiftState {
  /** The open shift; null when nobody is checked in; undefined until the server has said. */
  shift: Shift | null | undefined;
  /** A check-in or check-out answered: the page moves on without waiting for the push. */
  setShift: (shift: Shift | null) => void;
}

/** The volunteer's open shift, pushed on connect and whenever its figures change. */
export function useShift(socket: StationSocket): ShiftState {
  const [shift, setShift] = useState<Shift | null | undefined>(undefined);
  // An ended shift is no shift to call on.
  usePush(socket, 'station:shift', (pushed) => setShift(pushed && pushed.endedAt === null ? pushed : null));
  return { shift, setShift };
}
