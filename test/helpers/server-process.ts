import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { ADMIN_TOKEN, tempDatabasePath } from './server.ts';
import type { StationClient } from './station-client.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const STARTUP_TIMEOUT_MS = 20_000;
const OUTPUT_LIMIT = 20_000;

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

/** A port that was free a moment ago: listen on port 0, read the port, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolvePort(port) : reject(new Error('no port assigned'))));
    });
  });
}

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
 * Starts `node --import tsx server/src/main.ts` from the repository root on `databasePath` and
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
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR'].flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
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
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
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
    url: `http://127.0.0.1:${port}`,
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
    await waitForHealth(server);
  } catch (error) {
    await server.kill('SIGKILL');
    throw error;
  }
  return server;
}

async function waitForHealth(server: ServerProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!server.isRunning()) {
      const exit = await server.exited;
      throw new Error(`server exited during start-up (${JSON.stringify(exit)}):\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  throw new Error(`server did not answer /api/health within ${STARTUP_TIMEOUT_MS} ms:\n${server.output()}`);
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
