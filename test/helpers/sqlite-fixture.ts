import type { Db } from '../../server/src/db/open.ts';
import { SqliteStore } from '../../server/src/db/store/sqlite-store.ts';
import { tokenKey } from '../../server/src/db/token-key.ts';
import { WriteBatcher } from '../../server/src/db/write-batcher.ts';
import type { Fixture } from '../factories/campaign.ts';

/**
 * A database file opened without a server, as the factories' target: its store and its token key
 * (made if missing, as the server's first start makes it). For harnesses that seed a file before a
 * server process opens it, or drive the allocator on a bare connection.
 */
export function sqliteFixture(db: Db): Fixture {
  return { store: new SqliteStore(db, new WriteBatcher(db.$client)), tokenKey: tokenKey(db) };
}
