import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../server/src/db/schema.ts';
import { SqliteStore } from '../../server/src/db/store/sqlite-store.ts';
import type { Store } from '../../server/src/db/store/store.ts';
import { WriteBatcher } from '../../server/src/db/write-batcher.ts';
import { openDatabase } from '../../server/src/db/open.ts';
import { buildContacts, buildList, buildStations, phoneNumber } from '../factories/campaign.ts';
import { sqliteFixture } from './sqlite-fixture.ts';

export type StationSeat = Awaited<ReturnType<typeof buildStations>>[number];

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/**
 * A campaign database on disk for a server started as a child process: two municipalities,
 * two lists of `contactsPerList` sharing a tenth of their numbers (so reaching one closes the
 * other), and `stations` stations. The file is closed again before the server opens it.
 */
export async function prepareCampaignFile(path: string, options: { contactsPerList: number; stations: number }): Promise<StationSeat[]> {
  const db = openDatabase(path);
  try {
    const file = sqliteFixture(db);
    const { contactsPerList: n } = options;
    const stockholm = await buildList(file, { municipalityCode: '0180', municipalityName: 'Stockholm' });
    await buildContacts(file, stockholm.listId, range(1, n));
    const nacka = await buildList(file, { municipalityCode: '0182', municipalityName: 'Nacka' });
    const shared = Math.floor(n / 10);
    await buildContacts(file, nacka.listId, [...range(n - shared + 1, shared), ...range(n + 1, n - shared)]);
    return await buildStations(file, options.stations);
  } finally {
    db.$client.close();
  }
}

/**
 * Runs `read` on a connection of its own to `path`, closed afterwards (the server may hold
 * another): the raw connection, for SQLite's own checks, and a store over it, for the helpers.
 */
export async function withDatabase<T>(path: string, read: (sqlite: Database.Database, store: Store) => T | Promise<T>): Promise<T> {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    return await read(sqlite, new SqliteStore(db, new WriteBatcher(sqlite)));
  } finally {
    sqlite.close();
  }
}
