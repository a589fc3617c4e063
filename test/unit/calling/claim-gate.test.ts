import { describe, expect, it } from 'vitest';
import { createGate } from '../../../server/src/features/calling/claim-gate.ts';

/** A piece of work that runs until `finish` is called, noting when it started. */
function pieces(count: number) {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const work = (i: number) => () =>
    new Promise<number>((resolve) => {
      started.push(i);
      finishers[i] = () => resolve(i);
    });
  return { started, finish: (i: number) => finishers[i]!(), work, count };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

describe('the claim gate', () => {
  it('lets `limit` pieces run at once and the rest in order of arrival, each as a place frees', async () => {
    const gate = createGate(2);
    const { started, finish, work } = pieces(5);
    const results = [0, 1, 2, 3, 4].map((i) => gate(work(i)));
    await turns();
    expect(started).toEqual([0, 1]);
    finish(1);
    await turns();
    expect(started).toEqual([0, 1, 2]);
    finish(0);
    finish(2);
    await turns();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish(3);
    finish(4);
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
  });

  it('frees the place of a piece that fails, and passes its error on', async () => {
    const gate = createGate(1);
    const failed = gate(() => Promise.reject(new Error('no database')));
    const next = gate(async () => 'ran');
    await expect(failed).rejects.toThrow('no database');
    expect(await next).toBe('ran');
    expect(await gate(async () => 'and again')).toBe('and again');
  });
});
