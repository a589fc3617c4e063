/** The booking a one-click cancel link names (`/me#token=…&cancel=<bookingId>`), or null. */
export function readCancelRequest(hash: string): number | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('cancel');
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** The fragment without `cancel=`, or null when it has none. */
export function withoutCancelRequest(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('cancel')) return null;
  params.delete('cancel');
  return `#${params.toString()}`;
}
