import { useEffect } from 'react';
import type { Offer } from './use-offer.ts';

const POLL_MS = 30_000;
const ERROR_RETRY_MS = 10_000;
const MIN_DELAY_MS = 1_000;
// Spreads the stations out, so they do not all ask in the same second (e.g. at 09:00).
const JITTER_MS = 3_000;

/** How long to wait before asking again: every 30 s, or sooner if the server said when. */
export function retryDelay(offer: Extract<Offer, { kind: 'empty' | 'error' }>, now: number, jitter: number): number {
  if (offer.kind === 'error') return ERROR_RETRY_MS + jitter;
  const at = offer.nextAvailableAt ? Date.parse(offer.nextAvailableAt) : Number.NaN;
  if (Number.isNaN(at)) return POLL_MS + jitter;
  return Math.min(POLL_MS, Math.max(MIN_DELAY_MS, at - now)) + jitter;
}

/** Asks for a contact again while the page has none to show and the socket is up. */
export function useAutoRetry(offer: Offer, connected: boolean, fetchNext: () => Promise<void>): void {
  useEffect(() => {
    if (!connected || (offer.kind !== 'empty' && offer.kind !== 'error')) return;
    const delay = retryDelay(offer, Date.now(), Math.random() * JITTER_MS);
    const timer = setTimeout(() => void fetchNext(), delay);
    return () => clearTimeout(timer);
  }, [offer, connected, fetchNext]);
}
