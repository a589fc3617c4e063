import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from './open.ts';
import { settleTokenKey } from './token-key.ts';

/**
 * The server's database: opened owner-only (files made or tightened to 0600, said in the log),
 * migrated, with the station-token key settled (TOKEN_KEY or the database's). A key that does not
 * match the database stops the start, with the database closed again.
 */
export function openAppDatabase(config: Config, log: FastifyBaseLogger): Db {
  const db = openDatabase(config.databasePath, {
    busyTimeoutMs: config.dbBusyTimeoutMs,
    onDataFileReport: ({ tightened, openFolder }) => {
      if (tightened.length > 0) log.warn({ files: tightened }, 'made the database files readable by their owner only (0600)');
      if (openFolder) log.warn({ folder: openFolder }, 'the database folder is open to other users; consider chmod 700');
    },
  });
  try {
    if (settleTokenKey(db, config.tokenKey) === 'moved-out-of-database') {
      log.warn('the station token key now comes from TOKEN_KEY only: removed from the database');
    }
  } catch (error) {
    db.$client.close();
    throw error;
  }
  return db;
}
