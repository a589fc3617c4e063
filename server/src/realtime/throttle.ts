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

/** One throttle per key (a station, a room), made when the key is first marked. */
export function createKeyedThrottle<K>(send: (key: K) => void, intervalMs: number) {
  const throttles = new Map<K, ReturnType<typeof createThrottle>>();
  return {
    markDirty(key: K): void {
      let throttle = throttles.get(key);
      if (!throttle) throttles.set(key, (throttle = createThrottle(() => send(key), intervalMs)));
      throttle.markDirty();
    },
    cancel(): void {
      for (const throttle of throttles.values()) throttle.cancel();
    },
  };
}
