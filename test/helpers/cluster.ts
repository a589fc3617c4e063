import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { z } from 'zod';
import pg from 'pg';
import { zStationLink } from '@ringstuga/shared';
import { phoneNumber } from '../factories/campaign.ts';
import { REPO_ROOT, serverProcessFixture, startServerProcess, type ServerProcess } from './server-process.ts';
import { ADMIN_TOKEN } from './server.ts';
import { connectStation, type StationClient } from './station-client.ts';

/** Several server processes (`server/src/main.ts`) on one PostgreSQL database, as the compose profile runs them. */
export interface NodeCluster {
  databaseUrl: string;
  /** The running nodes by index; a killed one stays in place until `restart` replaces it. */
  nodes: ServerProcess[];
  /** SIGKILLs node `index` and waits until it has exited. */
  kill(index: number): Promise<void>;
  /** Starts node `index` again on its port (after `kill`). */
  restart(index: number): Promise<ServerProcess>;
  /** A node other than `index` that is running, for a station to reconnect to. */
  another(index: number): ServerProcess;
  /** Each node's exit state and output tail, for a failure message. */
  report(): string;
}

// Even bundled, several node processes starting at once on two shared cores take their time.
const NODE_STARTUP_TIMEOUT_MS = 60_000;

let bundled: Promise<string> | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Test workers end without an exit hook that could clean up: the bundles of ended ones go the next time. */
function removeDeadBundles(): void {
  const root = join(REPO_ROOT, 'test-results');
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const pid = /^nodes-(\d+)$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/**
 * The server bundled from the current source, once per test process, as server/build.ts bundles it
 * (the same options, the workers beside it): a node starts in about a second instead of compiling
 * the source through tsx for many seconds, and, unlike server/dist, it can never be stale. Two
 * folders below the repository root, as server/dist is, so the bundle finds the migrations.
 */
function nodeBundle(): Promise<string> {
  bundled ??= (async () => {
    removeDeadBundles();
    const folder = join('test-results', `nodes-${process.pid}`);
    const bundle = (entry: string, file: string) =>
      build({
        entryPoints: [join(REPO_ROOT, entry)],
        outfile: join(REPO_ROOT, folder, file),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
        banner: { js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);" },
        logLevel: 'warning',
      });
    await Promise.all([
      bundle('server/src/main.ts', 'main.mjs'),
      bundle('server/src/features/import/parse-worker.ts', 'import-worker.mjs'),
      bundle('server/src/features/exports/workbook-worker.ts', 'workbook-worker.mjs'),
    ]);
    return join(folder, 'main.mjs');
  })();
  return bundled;
}
const DUMMY_DATABASE_PATH = '/nonexistent/ringstuga-not-used.db';

/**
 * Starts `count` nodes on `databaseUrl` (127.0.0.1, free ports), all at once: they race for the
 * migration lock and the token key as real nodes starting together would. Every node is killed
 * after the test by `serverProcessFixture` (call it at the top of the test file).
 */
export async function startNodes(options: { databaseUrl: string; count: number; env?: Record<string, string> }): Promise<NodeCluster> {
  // DATABASE_URL wins over DATABASE_PATH: the path is never opened.
  const bundleFile = await nodeBundle();
  const start = (port?: number) =>
    startServerProcess({
      bundleFile,
      databasePath: DUMMY_DATABASE_PATH,
      port,
      env: { DATABASE_URL: options.databaseUrl, ...options.env },
      startupTimeoutMs: NODE_STARTUP_TIMEOUT_MS,
    });
  const nodes = await Promise.all(Array.from({ length: options.count }, () => start()));
  const cluster: NodeCluster = {
    databaseUrl: options.databaseUrl,
    nodes,
    kill: async (index) => {
      await nodes[index]!.kill('SIGKILL');
    },
    restart: async (index) => {
      nodes[index] = await start(nodes[index]!.port);
      return nodes[index];
    },
    report: () =>
      nodes.map((node, index) => `--- node ${index} (pid ${node.pid}, ${node.isRunning() ? 'running' : 'exited'}):\n${node.output()}`).join('\n'),
    another: (index) => {
      const other = nodes.find((node, at) => at !== index && node.isRunning());
      if (!other) throw new Error(`no running node besides ${index}`);
      return other;
    },
  };
  return cluster;
}

export { serverProcessFixture };

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function call<S extends z.ZodType>(url: string, method: string, path: string, schema: S, body?: string, contentType = 'application/json'): Promise<z.output<S>> {
  const response = await fetch(`${url}${path}`, { method, headers: { ...admin, ...(body && { 'content-type': contentType }) }, body });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return schema.parse(await response.json());
}

export interface CampaignSeed {
  listIds: number[];
  stations: z.output<typeof zStationLink>[];
}

/**
 * A campaign made the way an organiser makes one, over HTTP on `url`: one association, a list per
 * entry of `lists` (its phone numbers as `phoneNumber(n)`; the same n in two lists is the same
 * person on both), and `stations` stations in room 1. Associations have no route (the seed makes
 * them): that one row goes straight into the database.
 */
export async function seedCampaign(options: { url: string; databaseUrl: string; lists: number[][]; stations: number }): Promise<CampaignSeed> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let associationId: number;
  try {
    await client.query(`INSERT INTO municipalities (code, name) VALUES ('0127', 'Botkyrka') ON CONFLICT DO NOTHING`);
    // Names are unique: a second campaign in the same database gets an association of its own.
    const made = await client.query<{ id: number }>(
      `INSERT INTO associations (name, municipality_code) VALUES ('Botkyrka Blå ' || (SELECT COUNT(*) + 1 FROM associations), '0127') RETURNING id`,
    );
    associationId = made.rows[0]!.id;
  } finally {
    await client.end();
  }
  const listIds: number[] = [];
  for (const [index, numbers] of options.lists.entries()) {
    const list = await call(options.url, 'POST', '/api/lists', z.object({ id: z.number() }), JSON.stringify({ name: `Lista ${index + 1}`, associationId }));
    const csv = ['Namn;Telefon', ...numbers.map((n) => `Person ${n};${phoneNumber(n)}`)].join('\r\n');
    await call(options.url, 'POST', `/api/lists/${list.id}/import`, z.unknown(), csv, 'text/csv');
    listIds.push(list.id);
  }
  await call(options.url, 'POST', '/api/rooms/1/stations', z.unknown(), JSON.stringify({ count: options.stations }));
  const { stations } = await call(options.url, 'GET', '/api/stations', z.object({ stations: z.array(zStationLink) }));
  return { listIds, stations };
}

/** Joins station `seat` on `node`, checked in; kept in `fixture.clients` to be closed after the test. */
export async function joinStation(
  fixture: { clients: StationClient[] },
  node: ServerProcess,
  seat: { token: string },
): Promise<StationClient> {
  const socket = await connectStation(node.url, seat.token);
  fixture.clients.push(socket);
  return socket;
}
