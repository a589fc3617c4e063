import { useSyncExternalStore } from 'react';

/**
 * Access tokens ride in the fragment (`/station#token=…`, `/room#token=…`, `/screen#token=…`):
 * browsers never send it to the server, so it stays out of request logs.
 */
export function readFragmentToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** Follows the fragment, so pasting another link into the same tab switches to it. */
export function useFragmentToken(): string | null {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return readFragmentToken(hash);
}
