import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../server/src/features/calling/claim-batch.ts';

const turns = () => new Promise((resolve) => setImmediate(resolve));

/** A batch runner that holds each batch until told, noting the batches it was given. */
function heldRuns() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve) => {
      batches.push(items);
      finishers.push(() => resolve(items.map((item) => `claim ${item}`)));
    });
  return { batches, finish: (n: number) => finishers[n]!(), run };
}

describe('the claim batcher', () => {
  it('sends a claim that finds nothing running at once, and what arrives meanwhile together, up to the size', async () => {
    const { batches, finish, run } = heldRuns();
    const claim = createBatcher(run, { limit: 1, size: 3 });
    const results = [1, 2, 3, 4, 5, 6].map((item) => claim(item));
    await turns();
    expect(batches).toEqual([[1]]);
    finish(0);
    await turns();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish(1);
    await turns();
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    finish(2);
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4, 5, 6].map((item) => `claim ${item}`));
  });

  it('runs at most `limit` batches at once', async () => {
    const { batches, finish, run } = heldRuns();
    const claim = createBatcher(run, { limit: 2, size: 10 });
    const results = [1, 2, 3, 4].map((item) => claim(item));
    await turns();
    expect(batches).toEqual([[1], [2]]);
    const late = claim(5);
    await turns();
    expect(batches).toHaveLength(2);
    finish(1);
    await turns();
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    finish(0);
    finish(2);
    expect(await Promise.all([...results, late])).toEqual([1, 2, 3, 4, 5].map((item) => `claim ${item}`));
  });

  it("runs a failed batch again one claim at a time, so only the failing claim's caller sees its error", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const claim = createBatcher(
      async (items: number[]) => {
        batches.push(items);
        if (items[0] === 1) await first;
        if (items.includes(3)) throw new Error('claim 3 broke');
        return items.map((item) => item * 10);
      },
      { limit: 1, size: 10 },
    );
    const results = [1, 2, 3, 4].map((item) => claim(item));
    await turns();
    release();
    expect(await results[0]).toBe(10);
    expect(await results[1]).toBe(20);
    await expect(results[2]).rejects.toThrow('claim 3 broke');
    expect(await results[3]).toBe(40);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
