import type { PairState } from '@ringstuga/shared';
import { useCallback, useState } from 'react';
import { sendCommand } from '../connection/command.ts';
import { usePush } from '../connection/use-push.ts';
import type { StationSocket } from '../station/station-socket.ts';

export interface Pairing {
  state: PairState;
  /** The QR code's address, known to the tab that made the pairing (only its hash is on the server). */
  url: string | null;
  busy: boolean;
  error: string | null;
  create: () => Promise<void>;
  revoke: () => Promise<void>;
}

const NONE: PairState = { paired: false, phoneConnected: false, expiresAt: null };

/** The station's phone pairing: pushed as `pair:state`, made with `pair:create`, ended with `pair:revoke`. */
export function usePairing(socket: StationSocket, describeError: (code: string) => string): Pairing {
  const [state, setState] = useState<PairState>(NONE);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  usePush(socket, 'pair:state', (pushed) => {
    setState(pushed);
    if (!pushed.paired) setUrl(null);
  });

  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch {
      setError(describeError('unavailable'));
    } finally {
      setBusy(false);
    }
  }, [describeError]);

  const create = useCallback(
    () =>
      run(async () => {
        const result = await sendCommand(socket, 'pair:create');
        if (!result) return setError(describeError('internal'));
        if (!result.ok) return setError(describeError(result.error.code));
        setUrl(result.url);
      }),
    [socket, run, describeError],
  );
  const revoke = useCallback(
    () =>
      run(async () => {
        const result = await sendCommand(socket, 'pair:revoke');
        if (result && !result.ok) setError(describeError(result.error.code));
        setUrl(null);
      }),
    [socket, run, describeError],
  );
  return { state, url, busy, error, create, revoke };
}
