import { OUTCOMES, type CallOutcomeInput, type Failure } from '@ringstuga/shared';
import type { StationClient } from './station-client.ts';
import { mulberry32 } from '../../seeds/demo-data.ts';

export type OutcomeReport = Pick<CallOutcomeInput, 'assignmentId' | 'outcome' | 'callbackAt' | 'language'>;

/** What one simulated station did, and where it stood when its loop ended. */
export interface LoopRecord {
  /** Outcomes the server answered with `{ ok: true }`. */
  acked: OutcomeReport[];
  /** Outcomes the server answered with `{ ok: false }` (nothing was written for them). */
  refused: { report: OutcomeReport; error: Failure['error'] }[];
  /** An assignment handed out (acknowledged) whose outcome was not sent yet. */
  held: string | null;
  /** An outcome sent whose acknowledgement never came. */
  unanswered: OutcomeReport | null;
  /** A contact:next sent whose acknowledgement never came. */
  claimUnanswered: boolean;
  cycles: number;
  end: 'stopped' | 'disconnected' | 'nothing_to_call' | 'cycle_limit' | 'deadline' | 'ack_timeout';
}

export interface LoopOptions {
  random: () => number;
  /** Upper bound of the pause between the contact arriving and the outcome being sent. */
  maxThinkMs: number;
  maxCycles: number;
  /** Epoch ms after which no new cycle starts. */
  deadline: number;
  stop: () => boolean;
  /** An acknowledgement slower than this ends the loop instead of hanging the test. */
  ackTimeoutMs?: number;
}

/** A small deterministic PRNG (the seeds' mulberry32), so a failing run can be replayed from its seed. */
export const seededRandom = (seed: number): (() => number) => mulberry32(seed);

const HOUR = 3_600_000;

export function randomReport(assignmentId: string, random: () => number): OutcomeReport {
  const outcome = OUTCOMES[Math.floor(random() * OUTCOMES.length)]!;
  if (outcome === 'call_back') return { assignmentId, outcome, callbackAt: new Date(Date.now() + HOUR).toISOString() };
  if (outcome === 'language_barrier') return { assignmentId, outcome, language: 'ar' };
  return { assignmentId, outcome };
}

class AckTimeout extends Error {}

/** Rejects instead of waiting forever; a disconnect rejects `emitWithAck` by itself. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AckTimeout(`no acknowledgement within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StationLoop {
  /** Updated as the loop runs, so a test can wait for progress. */
  record: LoopRecord;
  done: Promise<LoopRecord>;
}

/**
 * A volunteer at full speed: contact:next, a short think, call:outcome, again. Ends on a
 * disconnect (the server died or closed), the deadline, the cycle limit or `stop()`, and records
 * exactly which request was left without an answer.
 */
export function startStationLoop(socket: StationClient, options: LoopOptions): StationLoop {
  const record: LoopRecord = { acked: [], refused: [], held: null, unanswered: null, claimUnanswered: false, cycles: 0, end: 'stopped' };
  const done = runCycles(socket, options, record).then((end) => {
    record.end = end;
    return record;
  });
  return { record, done };
}

async function runCycles(socket: StationClient, options: LoopOptions, record: LoopRecord): Promise<LoopRecord['end']> {
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  // A socket.io client buffers emits while disconnected and never answers them, so check first.
  const halted = (): LoopRecord['end'] | null => {
    if (!socket.connected) return 'disconnected';
    if (options.stop()) return 'stopped';
    if (Date.now() >= options.deadline) return 'deadline';
    return null;
  };
  try {
    while (record.cycles < options.maxCycles) {
      const end = halted();
      if (end) return end;
      record.claimUnanswered = true;
      const next = await within(socket.emitWithAck('contact:next'), ackTimeoutMs);
      record.claimUnanswered = false;
      if (!next.ok || !next.assignment) return 'nothing_to_call';
      record.held = next.assignment.id;

      const think = Math.floor(options.random() * (options.maxThinkMs + 1));
      if (think > 0) await pause(think);
      const report = randomReport(next.assignment.id, options.random);
      const afterThink = halted();
      if (afterThink) return afterThink;
      record.held = null;
      record.unanswered = report;
      const ack = await within(socket.emitWithAck('call:outcome', report), ackTimeoutMs);
      record.unanswered = null;
      if (ack.ok) record.acked.push(report);
      else record.refused.push({ report, error: ack.error });
      record.cycles += 1;
    }
    return 'cycle_limit';
  } catch (error) {
    return error instanceof AckTimeout ? 'ack_timeout' : 'disconnected';
  }
}

/** Resolves once `ready()` holds, polling; rejects after `timeoutMs`. */
export async function waitUntil(ready: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(10);
  }
}
