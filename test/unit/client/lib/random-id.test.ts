import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../../../../client/src/lib/secure-context/random-id.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomId', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes distinct version 4 UUIDs', () => {
    const ids = Array.from({ length: 1_000 }, () => randomId());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('works where crypto.randomUUID is missing, as on a page served over plain HTTP', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    expect(globalThis.crypto.randomUUID).toBeUndefined();
    expect(randomId()).toMatch(UUID_V4);
  });
});
