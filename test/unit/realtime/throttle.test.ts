import { afterEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../../server/src/realtime/throttle.ts';

afterEach(() => vi.useRealTimers());

describe('the leaderboard push throttle', () => {
  it('sends at once when idle, then at most once per interval however often it is marked', () => {
    vi.useFakeTimers();
    const send = vi.fn();
    const throttle = createThrottle(send, 250, () => Date.now());
    throttle.markDirty();
    expect(send).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i += 1) throttle.markDirty();
    expect(send).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(send).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('sends from the caller once the interval has passed, even if its timer has not run (busy loop)', () => {
    let clock = 0;
    const send = vi.fn();
    const throttle = createThrottle(send, 250, () => clock);
    throttle.markDirty();
    throttle.markDirty(); // schedules a timer that a saturated loop would not run in time
    clock = 300;
    throttle.markDirty();
    expect(send).toHaveBeenCalledTimes(2);
    throttle.cancel();
  });
});
