import { zCallOutcomeInput, type CallOutcomeInput, type OkResult } from '@ringstuga/shared';
import { z } from 'zod';

/**
 * Outcomes recorded while the connection was down (or whose answer never came), kept on this
 * device until the server has them. Sending one twice is safe: the server records an outcome once
 * per assignment and answers a repeat with success. Each entry leaves as soon as it is answered,
 * and one older than `OUTBOX_MAX_AGE_MS` is dropped unsent (its call was long given to someone else).
 */
export interface Outbox {
  pending(): CallOutcomeInput[];
  /** Keeps an outcome to send later; a second one for the same call replaces the first. */
  add(input: CallOutcomeInput): void;
  remove(assignmentId: string): void;
  /** Forgets everything waiting (it can no longer be sent); returns how many there were. */
  discard(): number;
  subscribe(listener: () => void): () => void;
}

/** A lease lasts 15 minutes; half a day is far past any call an outcome could still close. */
export const OUTBOX_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const zStored = z.array(z.object({ input: zCallOutcomeInput, queuedAt: z.number() }));
type Stored = z.infer<typeof zStored>;

/** What the outbox needs of localStorage (declared here so node tests can pass their own). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * One outbox per station link or pairing, so two stations opened in one browser never send each
 * other's outcomes. The key carries a 32-bit hash of the token, which says nothing about the token.
 */
export function outboxKey(kind: 'station' | 'phone', token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return `ringstuga.outbox.${kind}.${hash.toString(16)}`;
}

export function createOutbox(storageKey: string, storage?: KeyValueStore, now: () => number = Date.now): Outbox {
  const listeners = new Set<() => void>();
  let memory: Stored = [];
  // Storage full or refused (private mode): then outcomes are kept in memory for this page's life.
  let stored = storage !== undefined;
  const read = (): Stored => {
    let items = memory;
    if (stored && storage) {
      try {
        // A corrupt or foreign value is dropped rather than sent.
        const parsed = zStored.safeParse(JSON.parse(storage.getItem(storageKey) ?? '[]'));
        items = parsed.success ? parsed.data : [];
      } catch {
        items = [];
      }
    }
    return items.filter((item) => now() - item.queuedAt < OUTBOX_MAX_AGE_MS);
  };
  const write = (items: Stored) => {
    memory = items;
    try {
      if (items.length === 0) storage?.removeItem(storageKey);
      else storage?.setItem(storageKey, JSON.stringify(items));
    } catch {
      stored = false;
    }
    listeners.forEach((listener) => listener());
  };
  const without = (assignmentId: string) => read().filter((item) => item.input.assignmentId !== assignmentId);
  return {
    pending: () => read().map((item) => item.input),
    add: (input) => write([...without(input.assignmentId), { input, queuedAt: now() }]),
    remove: (assignmentId) => write(without(assignmentId)),
    discard() {
      const count = read().length;
      write([]);
      return count;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface FlushResult {
  sent: number;
  /** Answered with a refusal: the server will never take these (e.g. the call was closed meanwhile). */
  refused: { input: CallOutcomeInput; result: Extract<OkResult, { ok: false }> }[];
  /** Still waiting: the connection failed again. */
  left: number;
}

/** Sends what waits, oldest first; stops at the first transport failure and keeps the rest. */
export async function flushOutbox(outbox: Outbox, send: (input: CallOutcomeInput) => Promise<OkResult>): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: [], left: 0 };
  const items = outbox.pending();
  for (const [index, input] of items.entries()) {
    let answer: OkResult;
    try {
      answer = await send(input);
    } catch {
      result.left = items.length - index;
      return result;
    }
    outbox.remove(input.assignmentId);
    if (answer.ok) result.sent += 1;
    else result.refused.push({ input, result: answer });
  }
  return result;
}
