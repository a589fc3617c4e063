import { useCallback, useEffect, useRef, useState } from 'react';
import type { VolunteerTotals } from '@ringstuga/shared';
import { fetchVolunteerTotals } from './volunteer-totals.ts';

/** The figures change slowly and every read walks all shifts: once a minute is plenty. */
export const TOTALS_REFRESH_MS = 60_000;

export interface TotalsState {
  /** The last figures that arrived; kept when a later refresh fails. */
  totals: VolunteerTotals | null;
  fetchedAt: Date | null;
  loading: boolean;
  error: string | null;
}

/**
 * The campaign totals: fetched on mount, then a minute after each answer, and at once on
 * `refresh()` (which restarts the minute). A 401/403 stops the polling: the same token would
 * only be refused again, and every refusal counts against the address's login failures.
 */
export function useVolunteerTotals(token: string): TotalsState & { refresh: () => void } {
  const [state, setState] = useState<TotalsState>({ totals: null, fetchedAt: null, loading: true, error: null });
  const loadNow = useRef<() => void>(() => {});

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only the latest request may write, should a refresh overtake a slow one.
    let latest = 0;
    const load = async () => {
      clearTimeout(timer);
      const request = ++latest;
      const result = await fetchVolunteerTotals(token, controller.signal);
      if (controller.signal.aborted || request !== latest) return;
      if (result.ok) {
        setState({ totals: result.totals, fetchedAt: new Date(), loading: false, error: null });
      } else {
        setState((previous) => ({ ...previous, loading: false, error: result.message }));
      }
      if (result.ok || !result.lasting) timer = setTimeout(() => void load(), TOTALS_REFRESH_MS);
    };
    loadNow.current = () => void load();
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [token]);

  const refresh = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    loadNow.current();
  }, []);

  return { ...state, refresh };
}
