import { monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 2;
// The histogram records whole sampling intervals; the delay is what exceeds the interval.
const delayMs = (nanoseconds: number) => Math.max(0, Math.round(nanoseconds / 1e4 - RESOLUTION_MS * 100) / 100);

/**
 * How late the event loop runs (everything a station waits for passes through it), and memory.
 * The delay histogram covers the time since start or since the last read with `reset`.
 */
export function createRuntimeMetrics() {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const started = Date.now();
  return {
    read(reset: boolean) {
      const memory = process.memoryUsage();
      const figures = {
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        rssMb: Math.round(memory.rss / 2 ** 20),
        heapUsedMb: Math.round(memory.heapUsed / 2 ** 20),
        eventLoopDelayMs: { p50: delayMs(delay.percentile(50)), p99: delayMs(delay.percentile(99)), max: delayMs(delay.max) },
      };
      if (reset) delay.reset();
      return figures;
    },
    stop: () => delay.disable(),
  };
}
