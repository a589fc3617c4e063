import { useCallback, useEffect, useState } from 'react';
import type { Answer } from '../lib/http.ts';

/** What `load` answers: fetched on mount and on `refresh()`, the last good data kept when a refresh fails. */
export function useLoaded<T>(load: (signal: AbortSignal) => Promise<Answer<T>>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setData(result.data);
      setError(result.ok ? null : result.message);
    });
    return () => controller.abort();
  }, [load, version]);
  const refresh = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, refresh };
}
