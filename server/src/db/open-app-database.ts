import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from './open.ts';

/**
 * The server's SQLite database: opened owner-only (files made or tightened to 0600, said in the
 * log) and migrated.
 */
export function openAppDatabase(config: Config, log: FastifyBaseLogger): Db {
  return openDatabase(config.databasePath, {
    busyTimeoutMs: config.dbBusyTimeoutMs,
    onDataFileReport: ({ tightened, openFolder }) => {
      if (tightened.length > 0) log.warn({ files: tightened }, 'made the database files readable by their owner only (0600)');
      if (openFolder) log.warn({ folder: openFolder }, 'the database folder is open to other users; consider chmod 700');
    },
  });
}
