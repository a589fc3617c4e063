// Where a cycle's server time goes: the production bundle under the closed loop with V8's sampling
// CPU profiler on, its samples inside the measured window sorted by source (cpu-profile.ts).
// A profiler, not timing hooks in the server: it needs no code in the server, it sees what hooks
// cannot (garbage collection, socket.io's framing, native SQLite time inside drizzle's calls), and
// what it costs shows as the closed loop's rate with and without it, in the same run.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakDown, PARTS, type Breakdown, type CpuProfile } from './cpu-profile.ts';
import { closeAll, connectStations, keepCalling } from './load.ts';
import { startServerProcess, stationTokens } from './server-process.ts';
import { sleep } from './stats.ts';

/** Sampling every 250 µs: a cycle's parts are a few tens of µs each, so they need many samples. */
const INTERVAL_US = 250;

export interface CycleBreakdown extends Breakdown {
  cycles: number;
  perSecond: number;
}

/** Runs `stations` in a closed loop against a profiled server on `databasePath`. */
export async function profileCycles(databasePath: string, dir: string, stations: number, warmupMs: number, measureMs: number): Promise<CycleBreakdown> {
  mkdirSync(dir, { recursive: true });
  const server = await startServerProcess(databasePath, {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${INTERVAL_US}`]);
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n); // V8's profile clock is the same CLOCK_MONOTONIC
  let window: [number, number];
  let cycles: number;
  try {
    const sockets = await connectStations(server.url, (await stationTokens(server.url)).slice(0, stations));
    const calling = keepCalling(sockets);
    await sleep(warmupMs);
    const before = calling.cycles();
    const from = monotonicUs();
    await sleep(measureMs);
    cycles = calling.cycles() - before;
    window = [from, monotonicUs()];
    await calling.stop();
    closeAll(sockets);
  } finally {
    await server.stop(); // the profile is written as the process exits
  }
  const file = readdirSync(dir).find((name) => name.includes(`.${server.pid}.`) && name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile of process ${server.pid} in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const seconds = (window[1] - window[0]) / 1e6;
  return { ...breakDown(profile, window[0], window[1]), cycles, perSecond: cycles / seconds };
}

/** The report's lines: µs of server CPU per cycle and share of the busy time, largest first. */
export function breakdownRows(result: CycleBreakdown): [string, string, string][] {
  const perCycle = (ms: number) => (ms * 1000) / result.cycles;
  const rows = PARTS.map((part) => [part, result.ms[part]] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]): [string, string, string] => [`… ${part}`, `${perCycle(ms).toFixed(0)} µs`, `${((ms / result.busyMs) * 100).toFixed(1)} %`]);
  const statements = [...result.statements]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([where, ms]): [string, string, string] => [`…… ${where}`, `${perCycle(ms).toFixed(0)} µs`, `${((ms / result.busyMs) * 100).toFixed(1)} %`]);
  return [
    [
      `Server CPU per cycle, closed loop at 200 stations with the CPU profiler on (${result.perSecond.toFixed(0)} cycles/s)`,
      `${perCycle(result.busyMs).toFixed(0)} µs`,
      `idle ${((result.idleMs / (result.idleMs + result.busyMs)) * 100).toFixed(0)} % of the window`,
    ],
    ...rows,
    ...statements,
  ];
}
