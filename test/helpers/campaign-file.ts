import Database from 'better-sqlite3';
import { openDatabase } from '../../server/src/db/open.ts';
import { buildContacts, buildList, buildStations, phoneNumber } from '../factories/campaign.ts';

export type StationSeat = ReturnType<typeof buildStations>[number];

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/**
 * A campaign database on disk for a server started as a child process: two municipalities,
 * two lists of `contactsPerList` sharing a tenth of their numbers (so reaching one closes the
 * other), and `stations` stations. The file is closed again before the server opens it.
 */
export function prepareCampaignFile(path: string, options: { contactsPerList: number; stations: number }): StationSeat[] {
  const db = openDatabase(path);
  try {
    const { contactsPerList: n } = options;
    const stockholm = buildList(db, { municipalityCode: '0180', municipalityName: 'Stockholm' });
    buildContacts(db, stockholm.listId, range(1, n));
    const nacka = buildList(db, { municipalityCode: '0182', municipalityName: 'Nacka' });
    const shared = Math.floor(n / 10);
    buildContacts(db, nacka.listId, [...range(n - shared + 1, shared), ...range(n + 1, n - shared)]);
    return buildStations(db, options.stations);
  } finally {
    db.$client.close();
  }
}

/** Runs `read` on a connection of its own to `path`, closed afterwards (the server may hold another). */
export function withDatabase<T>(path: string, read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(path, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}
