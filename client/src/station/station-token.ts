import { useSyncExternalStore } from 'react';

/** The token rides in the fragment (`/station#token=…`) so it never reaches server logs. */
export function readStationToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Follows the fragment, so pasting another station's link into the same tab switches station. */
export function useStationToken(): string | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return readStationToken(hash);
}
