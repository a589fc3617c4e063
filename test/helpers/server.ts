import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  databasePath: string;
  close(): Promise<void>;
}

/** A fresh temp directory with a path for a SQLite file; removed by the returned cleanup. */
export function tempDatabasePath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringstuga-test-'));
  return { path: join(dir, 'test.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The real app on 127.0.0.1 and a free port, on a temp SQLite file (or the given one).
 * `prepare` runs on the opened, migrated database before the server listens.
 */
export async function startServer(
  options: {
    env?: Record<string, string>;
    now?: () => number;
    databasePath?: string;
    prepare?: (app: FastifyInstance) => void;
    logger?: AppOptions['logger'];
  } = {},
): Promise<TestServer> {
  const temp = options.databasePath ? undefined : tempDatabasePath();
  const databasePath = options.databasePath ?? temp!.path;
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    ADMIN_TOKEN,
    CALLING_HOURS: '00:00-24:00',
    LOG_LEVEL: 'silent',
    // Tests drive stations at machine speed; the limit's own tests (station-pace.test.ts) set it.
    STATION_CONTACTS_PER_MINUTE: '0',
    ...options.env,
  });
  const app = await buildApp(config, { now: options.now, logger: options.logger });
  options.prepare?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a port');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    databasePath,
    close: async () => {
      await app.close();
      temp?.cleanup();
    },
  };
}
