import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/config.ts';
import { openDatabase } from '../../../server/src/db/open.ts';
import { ensureAdminToken, createAdminCheck } from '../../../server/src/features/auth/admin-token.ts';
import { SqliteStore } from '../../../server/src/db/store/sqlite-store.ts';
import { WriteBatcher } from '../../../server/src/db/write-batcher.ts';
import { digestsEqual, hashToken } from '../../../server/src/features/auth/tokens.ts';
import { buildStations } from '../../factories/campaign.ts';
import { sqliteFixture } from '../../helpers/sqlite-fixture.ts';
import { tempDatabasePath } from '../../helpers/server.ts';

describe('digestsEqual', () => {
  const a = hashToken('first');
  const b = hashToken('second');

  it('matches equal SHA-256 digests and nothing else', () => {
    expect(digestsEqual(a, hashToken('first'))).toBe(true);
    expect(digestsEqual(a, b)).toBe(false);
  });

  it('answers false, without throwing, for digests of unequal length', () => {
    expect(digestsEqual(a, a.slice(0, -2))).toBe(false);
    expect(digestsEqual(a.slice(0, 10), a)).toBe(false);
    expect(digestsEqual(a, `${a}00`)).toBe(false);
  });

  it('never matches an empty, missing or corrupt digest, not even an identical one', () => {
    expect(digestsEqual('', '')).toBe(false);
    expect(digestsEqual(a, '')).toBe(false);
    // Buffer.from drops everything from the first bad hex digit, so these would read as equal bytes.
    expect(digestsEqual(`${a.slice(0, 62)}zz`, `${a.slice(0, 62)}yy`)).toBe(false);
    expect(digestsEqual(a.toUpperCase(), a)).toBe(false);
  });
});

describe('stored tokens', () => {
  it('keeps station and admin tokens only as SHA-256 hashes, never in plain text', async () => {
    const temp = tempDatabasePath();
    const db = openDatabase(temp.path);
    try {
      const adminToken = 'plain-admin-token-0123456789';
      const store = new SqliteStore(db, new WriteBatcher(db.$client));
      await ensureAdminToken(store, adminToken);
      const stations = await buildStations(sqliteFixture(db), 3);
      const rows = JSON.stringify([
        db.$client.prepare('SELECT * FROM stations').all(),
        db.$client.prepare('SELECT * FROM settings').all(),
      ]);
      for (const token of [adminToken, ...stations.map((station) => station.token)]) expect(rows).not.toContain(token);
      const hashes = db.$client.prepare('SELECT token_hash FROM stations ORDER BY number').all() as { token_hash: string }[];
      expect(hashes.map((row) => row.token_hash)).toEqual(stations.map((station) => hashToken(station.token)));
      expect(rows).toContain(hashToken(adminToken));
      const isAdmin = (token: string) => store.read((q) => createAdminCheck()(q, token));
      expect(await isAdmin(adminToken)).toBe(true);
      expect(await isAdmin(`${adminToken}x`)).toBe(false);
    } finally {
      db.$client.close();
      temp.cleanup();
    }
  });
});

describe('AUTH_FAILURES_PER_MINUTE', () => {
  it('defaults to 20 and refuses anything but a positive integer', () => {
    expect(loadConfig({}).authFailuresPerMinute).toBe(20);
    expect(loadConfig({ AUTH_FAILURES_PER_MINUTE: '5' }).authFailuresPerMinute).toBe(5);
    expect(() => loadConfig({ AUTH_FAILURES_PER_MINUTE: '0' })).toThrow(/AUTH_FAILURES_PER_MINUTE/);
    expect(() => loadConfig({ AUTH_FAILURES_PER_MINUTE: 'many' })).toThrow(/AUTH_FAILURES_PER_MINUTE/);
  });
});
