import { describe, expect, it } from 'vitest';
import { createJoinLimiter, joinAddress } from '../../server/src/features/auth/join-limiter.ts';

function limiterAt(options: { maxFailures: number; windowMs: number; maxAddresses?: number }) {
  let time = 1_000_000;
  const limiter = createJoinLimiter({ ...options, now: () => time });
  return { limiter, advance: (ms: number) => (time += ms) };
}

describe('the failed-join limiter', () => {
  it('blocks an address at its N-th failure in the window and leaves other addresses alone', () => {
    const { limiter } = limiterAt({ maxFailures: 3, windowMs: 60_000 });
    for (let i = 0; i < 2; i += 1) limiter.recordFailure('10.0.0.1');
    expect(limiter.isBlocked('10.0.0.1')).toBe(false);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.isBlocked('10.0.0.1')).toBe(true);
    expect(limiter.isBlocked('10.0.0.2')).toBe(false);
  });

  it('slides: each failure stops counting one window after it happened', () => {
    const { limiter, advance } = limiterAt({ maxFailures: 3, windowMs: 60_000 });
    limiter.recordFailure('a');
    advance(30_000);
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.isBlocked('a')).toBe(true);
    advance(30_000); // the first failure is now a full window old
    expect(limiter.isBlocked('a')).toBe(false);
    limiter.recordFailure('a');
    expect(limiter.isBlocked('a')).toBe(true);
    advance(60_000);
    expect(limiter.isBlocked('a')).toBe(false);
    expect(limiter.size()).toBe(0);
  });

  it('remembers a bounded number of addresses, however many fail', () => {
    const { limiter, advance } = limiterAt({ maxFailures: 2, windowMs: 60_000, maxAddresses: 1_000 });
    for (let i = 0; i < 20_000; i += 1) limiter.recordFailure(`addr-${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(1_000);
    // The most recent offenders are the ones kept.
    limiter.recordFailure('addr-19999');
    expect(limiter.isBlocked('addr-19999')).toBe(true);
    advance(60_001);
    limiter.recordFailure('late');
    expect(limiter.isBlocked('addr-19999')).toBe(false);
    expect(limiter.size()).toBeLessThanOrEqual(1_000);
  });
});

describe('joinAddress', () => {
  it('reads the first X-Forwarded-For entry as Fastify does with trustProxy, else the socket address', () => {
    expect(joinAddress({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' }, '127.0.0.1')).toBe('203.0.113.7');
    expect(joinAddress({ 'x-forwarded-for': ['198.51.100.2', '10.0.0.1'] }, '127.0.0.1')).toBe('198.51.100.2');
    expect(joinAddress({}, '::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(joinAddress({ 'x-forwarded-for': ' ' }, '127.0.0.1')).toBe('127.0.0.1');
    expect(joinAddress({ 'x-forwarded-for': ' , ,203.0.113.9' }, '127.0.0.1')).toBe('203.0.113.9');
    expect(joinAddress({ 'x-forwarded-for': 'x'.repeat(10_000) }, '127.0.0.1')).toHaveLength(64);
  });
});
