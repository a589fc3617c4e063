import type { CallListSummary } from '@ringstuga/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchLists } from './lists-api.ts';

export interface ListsState {
  /** The last lists that arrived; kept when a later refresh fails. */
  lists: CallListSummary[] | null;
  loading: boolean;
  error: string | null;
  /** The link itself was refused: asking again will not help. */
  refused: boolean;
}

/** The association's lists: fetched on mount and on `refresh()`; `upsert` takes in a list the page just made or changed. */
export function useAssociationLists(token: string) {
  const [state, setState] = useState<ListsState>({ lists: null, loading: true, error: null, refused: false });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void fetchLists(token, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setState((previous) =>
        result.ok
          ? { lists: result.data, loading: false, error: null, refused: false }
          : { ...previous, loading: false, error: result.message, refused: result.lasting },
      );
    });
    return () => controller.abort();
  }, [token, version]);

  const refresh = useCallback(() => {
    setState((previous) => ({ ...previous, loading: true }));
    setVersion((value) => value + 1);
  }, []);

  const upsert = useCallback((list: CallListSummary) => {
    setState((previous) => {
      const lists = previous.lists ?? [];
      const known = lists.some((item) => item.id === list.id);
      return { ...previous, lists: known ? lists.map((item) => (item.id === list.id ? list : item)) : [...lists, list] };
    });
  }, []);

  return { ...state, refresh, upsert };
}
