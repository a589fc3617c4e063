// The server under test is the production bundle (npm run build) in its own process; the load generator is this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../test/helpers/free-port.ts';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';
/** As `npm start` and the Dockerfile run it: a bounded old generation makes V8 collect before it grows. */
const SERVER_NODE_FLAGS = ['--max-old-space-size=192'];
const ROOT = resolve(import.meta.dirname, '..');
/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times, on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory of the server process, in MB (Linux /proc). */
  rssMb(): number;
  /** CPU time the server process has used so far (user + system), in ms (Linux /proc, 10 ms ticks). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * `nodeFlags` are added to the server's own (the cycle breakdown adds V8's CPU profiler); `bundle`,
 * relative to the project root, runs another build (bench/compare.ts sets an earlier one beside it).
 */
export async function startServerProcess(
  databasePath: string,
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
  bundle = 'server/dist/main.mjs',
): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, bundle], {
    cwd: ROOT,
    env: {
      // Never the shell's DATABASE_URL: it would win over DATABASE_PATH and put the SQLite rows' load on that database.
      ...withoutDatabaseUrl(process.env),
      DATABASE_PATH: databasePath,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      CALLING_HOURS: '00:00-24:00',
      LOG_LEVEL: 'warn',
      // The benchmark measures the server, not the per-station limit on hand-outs.
      STATION_CONTACTS_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, counted after the command's closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    },
    stop: () =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null) return resolveStop();
        child.once('exit', () => resolveStop());
        child.kill('SIGTERM');
      }),
  };
}

export async function stationTokens(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/stations`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  const body = (await response.json()) as { stations: { token: string }[] };
  return body.stations.map((station) => station.token);
}

/** The server's own view of a period: its event-loop delay since the last reset (GET /api/metrics). */
export async function serverMetrics(url: string, reset: boolean): Promise<{ eventLoopDelayMs: { p50: number; p99: number; max: number } }> {
  const response = await fetch(`${url}/api/metrics?reset=${reset}`, { headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` } });
  return (await response.json()) as { eventLoopDelayMs: { p50: number; p99: number; max: number } };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.DATABASE_URL;
  return rest;
}
