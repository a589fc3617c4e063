/**
 * Runs `send` at most once per `intervalMs` after `markDirty`. Under saturation a timer runs
 * late (behind every queued socket read), so a call that finds the interval passed sends at once.
 */
export function createThrottle(send: () => void, intervalMs: number, now: () => number = Date.now) {
  let lastSent = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastSent = now();
    send();
  };

  return {
    markDirty(): void {
      const wait = lastSent + intervalMs - now();
      if (wait <= 0) return flush();
      timer ??= setTimeout(flush, wait);
    },
    cancel(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
