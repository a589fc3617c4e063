import type { Db } from '../server/src/db/open.ts';
import { stations } from '../server/src/db/schema.ts';
import { hashToken, stationToken } from '../server/src/features/auth/tokens.ts';
import { tokenKey } from '../server/src/db/token-key.ts';

/**
 * Seeds and fixtures: creates stations 1..count that do not exist yet (safe to rerun). Synchronous,
 * on the seed's own connection, as the seed's other writes; the server adds stations through the store.
 */
export function ensureStations(db: Db, count: number, now = Date.now(), key = tokenKey(db)): void {
  db.transaction((tx) => {
    for (let number = 1; number <= count; number += 1) {
      tx.insert(stations)
        .values({ number, name: `Station ${number}`, tokenHash: hashToken(stationToken(key, number)), createdAt: now })
        .onConflictDoNothing()
        .run();
    }
  });
}
