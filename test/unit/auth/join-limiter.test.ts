import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, proxyTrust } from '../../../server/src/features/auth/client-address.ts';
import { createJoinLimiter } from '../../../server/src/features/auth/join-limiter.ts';
import { zTrustProxy } from '../../../server/src/config.ts';
import { anyString } from '../../helpers/hostile-payloads.ts';

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

describe('TRUST_PROXY and the client address', () => {
  const request = (remoteAddress: string, forwarded?: string) =>
    ({ socket: { remoteAddress }, connection: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;
  const addressWith = (setting: string, remote: string, forwarded?: string) =>
    clientAddress(request(remote, forwarded), proxyTrust(zTrustProxy.parse(setting)), remote);

  it('with one proxy takes the entry that proxy appended, not the leftmost one the client wrote', () => {
    expect(addressWith('1', '127.0.0.1', '1.2.3.4, 5.6.7.8')).toBe('5.6.7.8');
    expect(addressWith('true', '127.0.0.1', 'forged, 5.6.7.8')).toBe('5.6.7.8');
    expect(addressWith('2', '127.0.0.1', '1.2.3.4, 5.6.7.8, 10.0.0.2')).toBe('5.6.7.8');
    expect(addressWith('1', '127.0.0.1')).toBe('127.0.0.1');
  });

  it('with one proxy never lets anything the client writes before the appended entry decide the address', () => {
    const forged = fc.array(fc.oneof(anyString, fc.ipV4(), fc.ipV6(), fc.constantFrom('', ' ', 'unknown', '127.0.0.1', '::1')), { maxLength: 20 });
    fc.assert(
      fc.property(forged, fc.ipV4(), (entries, appended) => {
        expect(addressWith('1', '127.0.0.1', [...entries, appended].join(', '))).toBe(appended);
      }),
    );
  });

  it("with the proxies' addresses trusts X-Forwarded-For only from them", () => {
    expect(addressWith('127.0.0.1', '127.0.0.1', '1.2.3.4, 5.6.7.8')).toBe('5.6.7.8');
    expect(addressWith('10.0.0.0/8, 127.0.0.1', '127.0.0.1', '1.2.3.4, 10.1.2.3')).toBe('1.2.3.4');
    expect(addressWith('10.0.0.2', '127.0.0.1', '1.2.3.4, 5.6.7.8')).toBe('127.0.0.1');
  });

  it('off ignores the header, and refuses settings it cannot read', () => {
    expect(addressWith('false', '127.0.0.1', '5.6.7.8')).toBe('127.0.0.1');
    expect(zTrustProxy.safeParse('a-proxy-name').success).toBe(false);
    expect(zTrustProxy.safeParse('11').success).toBe(false);
  });
});
