import type { ListProgress } from '@ringstuga/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchProgress } from './lists-api.ts';

export interface ProgressState {
  progress: ListProgress | null;
  fetchedAt: Date | null;
  loading: boolean;
  error: string | null;
}

/**
 * A list's progress, fetched on mount and on `refresh()` (after an import, or by the button).
 * Not polled: every read is written to the audit log as a view of the list.
 */
export function useListProgress(token: string, listId: number) {
  const [state, setState] = useState<ProgressState>({ progress: null, fetchedAt: null, loading: true, error: null });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void fetchProgress(token, listId, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState((previous) =>
        result.ok
          ? { progress: result.data, fetchedAt: new Date(), loading: false, error: null }
          : { ...previous, loading: false, error: result.message },
      );
    });
    return () => controller.abort();
  }, [token, listId, version]);

  const refresh = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setVersion((value) => value + 1);
  }, []);

  return { ...state, refresh };
}
