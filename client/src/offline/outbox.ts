import { zCallOutcomeInput, type CallOutcomeInput, type OkResult } from '@ringstuga/shared';
import { z } from 'zod';

/**
 * Outcomes recorded while the connection was down (or whose answer never came), kept on this
 * device until the server has them. Sending one twice is safe: the server records an outcome once
 * per assignment and answers a repeat with success. Each entry leaves as soon as it is answered.
 */
export interface Outbox {
  pending(): CallOutcomeInput[];
  /** Keeps an outcome to send later; a second one for the same call replaces the first. */
  add(input: CallOutcomeInput): void;
  remove(assignmentId: string): void;
  subscribe(listener: () => void): () => void;
}

const zStored = z.array(zCallOutcomeInput);

/** What the outbox needs of localStorage (declared here so node tests can pass their own). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function createOutbox(storageKey: string, storage?: KeyValueStore): Outbox {
  const listeners = new Set<() => void>();
  let memory: CallOutcomeInput[] = [];
  // Storage full or refused (private mode): then outcomes are kept in memory for this page's life.
  let stored = storage !== undefined;
  const read = (): CallOutcomeInput[] => {
    if (!stored || !storage) return memory;
    try {
      // A corrupt or foreign value is dropped rather than sent.
      const parsed = zStored.safeParse(JSON.parse(storage.getItem(storageKey) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  const write = (items: CallOutcomeInput[]) => {
    memory = items;
    try {
      if (items.length === 0) storage?.removeItem(storageKey);
      else storage?.setItem(storageKey, JSON.stringify(items));
    } catch {
      stored = false;
    }
    listeners.forEach((listener) => listener());
  };
  return {
    pending: read,
    add: (input) => write([...read().filter((item) => item.assignmentId !== input.assignmentId), input]),
    remove: (assignmentId) => write(read().filter((item) => item.assignmentId !== assignmentId)),
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
