import { zShift, type Shift } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
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

  useEffect(() => {
    const handleShift = (message: Shift | null) => {
      if (message === null) {
        setShift(null);
        return;
      }
      const parsed = zShift.safeParse(message);
      // An ended shift is no shift to call on.
      if (parsed.success) setShift(parsed.data.endedAt === null ? parsed.data : null);
    };
    socket.on('station:shift', handleShift);
    return () => {
      socket.off('station:shift', handleShift);
    };
  }, [socket]);

  return { shift, setShift };
}
