import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { freePort } from './free-port.ts';
import { ADMIN_TOKEN, tempDatabasePath } from './server.ts';
import type { StationClient } from './station-client.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 20_000;
/** What `npm start` runs; its flags are copied in startServerProcess's `bundle` option. */
const BUNDLE = 'server/dist/main.mjs';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The real server (`server/src/main.ts`) running as a child process of the test. */
export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, however it ended. */
  exited: Promise<ServerExit>;
  isRunning(): boolean;
  /** The tail of its stdout and stderr, for failure messages. */
  output(): string;
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<ServerExit>;
}

const started = new Set<ServerProcess>();

/** Whether anything accepts TCP connections on 127.0.0.1:`port` (a dead server's orphan would). */
export async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (open: boolean) => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

/**
 * Starts `node --import tsx server/src/main.ts` (or, with `bundle`, the production bundle as `npm
 * start` runs it) from the repository root on `databasePath` and
 * waits until GET /api/health answers. tsx registers itself as a loader in the same process,
 * so the child's pid is the server itself: a SIGKILL leaves no wrapper or orphan behind.
 * Only a small allowlist of the test's own environment is passed on, so a stray variable in
 * the developer's shell cannot change the server under test.
 */
export async function startServerProcess(options: {
  databasePath: string;
  env?: Record<string, string>;
  /** A fixed port, e.g. the previous server's, to restart where clients reconnect. */
  port?: number;
  /** How much of the output to keep (the tail); a test that reads the whole log raises it. */
  outputLimit?: number;
  /** The server serves HTTPS (TLS_CERT/TLS_KEY in `env`); health is checked trusting only this CA. */
  tls?: { ca: string };
  /** Run the production bundle (npm run build) as `npm start` does, with its heap cap, instead of the source. */
  bundle?: boolean;
  /** Another bundle of the server to run as `bundle` does (e.g. one built for the test: test/helpers/cluster.ts). */
  bundleFile?: string;
  /** How long to wait for /api/health: longer for several servers compiling their source at once. */
  startupTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR'].flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])),
  );
  const bundle = options.bundleFile ?? (options.bundle ? BUNDLE : undefined);
  if (bundle && !existsSync(resolve(REPO_ROOT, bundle))) throw new Error(`${bundle} is missing: run npm run build first`);
  const args = bundle ? ['--max-old-space-size=192', bundle] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      DATABASE_PATH: options.databasePath,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      CALLING_HOURS: '00:00-24:00',
      LOG_LEVEL: 'warn',
      // As in test/helpers/server.ts: these tests cycle stations at machine speed.
      STATION_CONTACTS_PER_MINUTE: '0',
      ...options.env,
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-(options.outputLimit ?? OUTPUT_LIMIT));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let running = true;
  const exited = new Promise<ServerExit>((resolveExit) => {
    child.once('exit', (code, signal) => {
      running = false;
      started.delete(server);
      resolveExit({ code, signal });
    });
  });

  const server: ServerProcess = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    exited,
    isRunning: () => running,
    output: () => output,
    kill: async (signal) => {
      if (running) child.kill(signal);
      return exited;
    },
  };
  started.add(server);

  try {
    await waitForHealth(server, options.tls?.ca, options.startupTimeoutMs ?? STARTUP_TIMEOUT_MS);
  } catch (error) {
    await server.kill('SIGKILL');
    throw error;
  }
  return server;
}

/** GET /api/health's status, over HTTPS trusting `ca` when given. */
async function healthStatus(url: string, ca: string | undefined): Promise<number> {
  if (!ca) return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) })).status;
  return new Promise((resolveStatus, reject) => {
    const request = httpsGet(`${url}/api/health`, { ca, timeout: 1_000 }, (response) => {
      response.resume();
      resolveStatus(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

async function waitForHealth(server: ServerProcess, ca: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.isRunning()) {
      const exit = await server.exited;
      throw new Error(`server exited during start-up (${JSON.stringify(exit)}):\n${server.output()}`);
    }
    try {
      if ((await healthStatus(server.url, ca)) === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${server.output()}`);
}

/** SIGKILLs every server process still running; for afterEach, so a failed test leaves none behind. */
export async function killServerProcesses(): Promise<void> {
  await Promise.all([...started].map((server) => server.kill('SIGKILL')));
}

/**
 * The temp database and station clients of a test that starts server processes; after each test
 * the clients close, every server process started is killed, and the files are removed.
 */
export function serverProcessFixture() {
  const fixture: { temp?: ReturnType<typeof tempDatabasePath>; clients: StationClient[] } = { clients: [] };
  afterEach(async () => {
    fixture.clients.forEach((client) => client.close());
    fixture.clients = [];
    await killServerProcesses();
    fixture.temp?.cleanup();
    fixture.temp = undefined;
  });
  return fixture;
}
