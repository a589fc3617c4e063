import { zOkResult, zPairResult, zPairState, type PairState } from '@ringstuga/shared';
import { useCallback, useEffect, useState } from 'react';
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

  useEffect(() => {
    const onState = (pushed: unknown) => {
      const parsed = zPairState.safeParse(pushed);
      if (!parsed.success) return;
      setState(parsed.data);
      if (!parsed.data.paired) setUrl(null);
    };
    socket.on('pair:state', onState);
    return () => void socket.off('pair:state', onState);
  }, [socket]);

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
        const parsed = zPairResult.safeParse(await socket.emitWithAck('pair:create'));
        if (!parsed.success) return setError(describeError('internal'));
        if (!parsed.data.ok) return setError(describeError(parsed.data.error.code));
        setUrl(parsed.data.url);
      }),
    [socket, run, describeError],
  );
  const revoke = useCallback(
    () =>
      run(async () => {
        const parsed = zOkResult.safeParse(await socket.emitWithAck('pair:revoke'));
        if (parsed.success && !parsed.data.ok) setError(describeError(parsed.data.error.code));
        setUrl(null);
      }),
    [socket, run, describeError],
  );
  return { state, url, busy, error, create, revoke };
}
