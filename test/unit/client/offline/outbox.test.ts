import { describe, expect, it } from 'vitest';
import type { CallOutcomeInput, OkResult } from '@ringstuga/shared';
import { createOutbox, flushOutbox, OUTBOX_MAX_AGE_MS, outboxKey, type KeyValueStore } from '../../../../client/src/offline/outbox.ts';

/** A store of our own: the unit tests run in node, and the outbox must survive a reload (a new outbox on the same store). */
function memoryStorage(): KeyValueStore & { length: number; setItem(key: string, value: string): void } {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    getItem: (key: string) => items.get(key) ?? null,
    removeItem: (key: string) => void items.delete(key),
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const outcome = (n: number, outcome: CallOutcomeInput['outcome'] = 'no_answer'): CallOutcomeInput => ({
  assignmentId: `00000000-0000-4000-8000-00000000000${n}`,
  outcome,
});

describe('the outbox of outcomes recorded offline', () => {
  it('keeps outcomes across a reload, one per call, and empties the storage when all are sent', async () => {
    const storage = memoryStorage();
    const outbox = createOutbox('k', storage);
    outbox.add(outcome(1));
    outbox.add(outcome(2));
    outbox.add(outcome(1, 'conversation'));
    const reloaded = createOutbox('k', storage);
    expect(reloaded.pending()).toEqual([outcome(2), outcome(1, 'conversation')]);

    const sent: string[] = [];
    const result = await flushOutbox(reloaded, async (input) => {
      sent.push(input.assignmentId);
      return { ok: true };
    });
    expect(result).toEqual({ sent: 2, refused: [], left: 0 });
    expect(sent).toEqual([outcome(2).assignmentId, outcome(1).assignmentId]);
    expect(storage.length).toBe(0);
  });

  it('keeps what it could not send when the connection fails again, and drops what the server refused', async () => {
    const outbox = createOutbox('k', memoryStorage());
    [1, 2, 3].forEach((n) => outbox.add(outcome(n)));
    const refusal: OkResult = { ok: false, error: { code: 'assignment_closed', message: 'closed' } };
    let calls = 0;
    const result = await flushOutbox(outbox, async () => {
      calls += 1;
      if (calls === 1) return refusal;
      throw new Error('timeout');
    });
    expect(result).toEqual({ sent: 0, refused: [{ input: outcome(1), result: refusal }], left: 2 });
    expect(outbox.pending()).toEqual([outcome(2), outcome(3)]);
  });

  it('ignores a corrupt stored value instead of sending it', () => {
    const storage = memoryStorage();
    storage.setItem('k', '[{"assignmentId":"x","outcome":"nonsense"}]');
    expect(createOutbox('k', storage).pending()).toEqual([]);
    storage.setItem('k', '{not json');
    expect(createOutbox('k', storage).pending()).toEqual([]);
  });

  it('drops an outcome older than half a day unsent, and forgets everything on discard', () => {
    let now = 1_000_000;
    const outbox = createOutbox('k', memoryStorage(), () => now);
    outbox.add(outcome(1));
    now += OUTBOX_MAX_AGE_MS - 1;
    outbox.add(outcome(2));
    expect(outbox.pending()).toEqual([outcome(1), outcome(2)]);
    now += 1;
    expect(outbox.pending()).toEqual([outcome(2)]);
    expect(outbox.discard()).toBe(1);
    expect(outbox.pending()).toEqual([]);
  });

  it('keeps one outbox per station link or pairing, under a key that does not carry the token', () => {
    const token = 'a-station-token-0123456789abcdef';
    expect(outboxKey('station', token)).toBe(outboxKey('station', token));
    expect(outboxKey('station', token)).not.toBe(outboxKey('station', `${token}x`));
    expect(outboxKey('phone', token)).not.toBe(outboxKey('station', token));
    expect(outboxKey('station', token)).not.toContain(token.slice(0, 8));
  });

  it('tells subscribers about each change', () => {
    const outbox = createOutbox('k', memoryStorage());
    let changes = 0;
    const stop = outbox.subscribe(() => (changes += 1));
    outbox.add(outcome(1));
    outbox.remove(outcome(1).assignmentId);
    stop();
    outbox.add(outcome(2));
    expect(changes).toBe(2);
  });
});
