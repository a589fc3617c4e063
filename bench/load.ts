// Load drivers over real socket.io clients: closed loop, steady pace and leaderboard fan-out.
import { io, type Socket } from 'socket.io-client';
import {
  STATION_NAMESPACE,
  type Outcome,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';
import { mulberry32 } from '../seeds/demo-data.ts';
import { drawOutcome } from '../tools/simulate/outcome-mix.ts';
import { sleep } from './stats.ts';

export type BenchSocket = Socket<StationServerToClientEvents, StationClientToServerEvents>;

/** Connects stations in batches, so 2,000 handshakes do not arrive in one burst. */
export async function connectStations(url: string, tokens: string[]): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < tokens.length; i += 100) {
    const batch = tokens.slice(i, i + 100).map(
      (token) =>
        new Promise<BenchSocket>((resolve, reject) => {
          const socket: BenchSocket = io(`${url}${STATION_NAMESPACE}`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
          // A volunteer checks in before the first contact (null: every list, as the 2018 room's stations).
          socket.once('connect', () => {
            socket
              .emitWithAck('station:checkin', { name: 'Bench', associationId: null })
              .then((result) => (result.ok ? resolve(socket) : reject(new Error(result.error.message))), reject);
          });
          socket.once('connect_error', reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

export function closeAll(sockets: BenchSocket[]): void {
  for (const socket of sockets) socket.close();
}

const random = mulberry32(42);
function outcomePayload(assignmentId: string): { assignmentId: string; outcome: Outcome; callbackAt?: string } {
  const outcome = drawOutcome(random);
  return outcome === 'call_back' ? { assignmentId, outcome, callbackAt: new Date(Date.now() + 3_600_000).toISOString() } : { assignmentId, outcome };
}

/** One claim + outcome; returns the two acknowledgement times in ms, or null when nothing was offered. */
async function cycle(socket: BenchSocket): Promise<[number, number] | null> {
  const t0 = performance.now();
  const next = await socket.emitWithAck('contact:next');
  const t1 = performance.now();
  if (!next.ok || !next.assignment) return null;
  const done = await socket.emitWithAck('call:outcome', outcomePayload(next.assignment.id));
  if (!done.ok) throw new Error(`outcome refused: ${done.error.message}`);
  return [t1 - t0, performance.now() - t1];
}

/**
 * Every station asks again as soon as it is answered (the closed loop), or, with `periodMs`, once
 * its last cycle started `periodMs` ago; until `stop()`, which resolves once every loop has ended.
 */
export function keepCalling(sockets: BenchSocket[], periodMs = 0): { cycles: () => number; stop: () => Promise<void> } {
  let stopped = false;
  let cycles = 0;
  const loops = sockets.map(async (socket, i) => {
    if (periodMs > 0) await sleep((i / sockets.length) * periodMs); // staggered, not all at once
    while (!stopped) {
      const started = performance.now();
      if (!(await cycle(socket))) return;
      cycles += 1;
      if (periodMs > 0) await sleep(Math.max(0, periodMs - (performance.now() - started)));
    }
  });
  return {
    cycles: () => cycles,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/**
 * The closed loop's cycles per second, counted after a warm-up; with `cpuMs` (the server's CPU
 * clock), also the server's CPU time per cycle, which a busy machine distorts far less than a rate.
 */
export async function closedLoop(
  sockets: BenchSocket[],
  warmupMs: number,
  measureMs: number,
  cpuMs: () => number = () => 0,
): Promise<{ perSecond: number; cycles: number; cpuUsPerCycle: number }> {
  const calling = keepCalling(sockets);
  await sleep(warmupMs);
  const before = calling.cycles();
  const cpuBefore = cpuMs();
  const started = performance.now();
  await sleep(measureMs);
  const cycles = calling.cycles() - before;
  const cpuUsPerCycle = ((cpuMs() - cpuBefore) * 1000) / cycles;
  const seconds = (performance.now() - started) / 1000;
  await calling.stop();
  return { perSecond: cycles / seconds, cycles, cpuUsPerCycle };
}

/**
 * Each station makes one cycle every `periodMs`, staggered evenly, for `warmupMs` and then
 * `measureMs`; returns the acknowledgement times of the cycles started after the warm-up, and
 * those of the warm-up apart.
 */
export async function steadyPace(sockets: BenchSocket[], periodMs: number, measureMs: number, warmupMs = 0): Promise<{ measured: number[]; warmup: number[] }> {
  const measured: number[] = [];
  const warmup: number[] = [];
  const measureFrom = performance.now() + warmupMs;
  const deadline = measureFrom + measureMs;
  await Promise.all(
    sockets.map(async (socket, i) => {
      await sleep((i / sockets.length) * periodMs);
      while (performance.now() < deadline) {
        const started = performance.now();
        const result = await cycle(socket);
        if (!result) return;
        (started < measureFrom ? warmup : measured).push(...result);
        await sleep(Math.max(0, periodMs - (performance.now() - started)));
      }
    }),
  );
  return { measured, warmup };
}
