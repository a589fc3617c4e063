import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../server/src/app.ts';
import { createDatabase } from './postgres/database.ts';
import { loadConfig } from '../../server/src/config.ts';
import { freePort } from './free-port.ts';
import { LOOPBACK, PLAIN_HTTP_HOST, type PageOrigin } from './page-origin.ts';
import { useWorkerBundles } from './worker-bundles.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  app: FastifyInstance;
  /** The server on 127.0.0.1, for the test's own requests. */
  url: string;
  /** Where a browser opens its pages: `url`, or the plain-HTTP origin, which is also the server's PUBLIC_URL. */
  pageUrl: string;
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
 * `prepare` runs on the opened, migrated store before the server listens. On the plain-HTTP
 * origin the port is chosen first, since PUBLIC_URL (the links and QR codes) must name it.
 */
export async function startServer(
  options: {
    env?: Record<string, string>;
    now?: () => number;
    databasePath?: string;
    prepare?: (app: FastifyInstance) => void | Promise<void>;
    logger?: AppOptions['logger'];
    origin?: PageOrigin;
    /** A PostgreSQL database to share with other test servers (several nodes); made and dropped by the caller. */
    databaseUrl?: string;
  } = {},
): Promise<TestServer> {
  const origin = options.origin ?? LOOPBACK;
  const port = origin.kind === 'plain-http' ? await freePort() : 0;
  const publicUrl = origin.kind === 'plain-http' ? `http://${PLAIN_HTTP_HOST}:${port}` : undefined;
  const temp = options.databasePath ? undefined : tempDatabasePath();
  const databasePath = options.databasePath ?? temp!.path;
  // Under `npm run test:postgres` each server gets a database of its own, as it gets a file here;
  // servers given one database URL (several nodes) share that database.
  const sharedUrl = options.databaseUrl ?? options.env?.DATABASE_URL;
  const postgres = process.env.TEST_STORE === 'postgres' && !options.databasePath && !sharedUrl ? await createDatabase() : undefined;
  const databaseUrl = sharedUrl ?? postgres?.url;
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    ADMIN_TOKEN,
    CALLING_HOURS: '00:00-24:00',
    LOG_LEVEL: 'silent',
    ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}),
    // Tests drive stations at machine speed; the limit's own tests (station-pace.test.ts) set it.
    STATION_CONTACTS_PER_MINUTE: '0',
    ...options.env,
  });
  await useWorkerBundles();
  const app = await buildApp(config, { now: options.now, logger: options.logger });
  await options.prepare?.(app);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a port');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    pageUrl: publicUrl ?? url,
    databasePath,
    close: async () => {
      await app.close();
      temp?.cleanup();
      // Not waited for (~70–150 ms of PostgreSQL's, on every test): nothing reads the database
      // again, and one left behind by a failed drop goes with the throwaway cluster at the end.
      postgres?.drop().catch(() => undefined);
    },
  };
}
