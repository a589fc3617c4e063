import { describe, expect, it } from 'vitest';
import type { QuestionView } from '@ringstuga/shared';
import type { Tx } from '../../../server/src/db/store/store.ts';
import { QuestionCache } from '../../../server/src/features/questions/question-cache.ts';

// The cache's loader is its one way to the database: here a function the test answers when it likes,
// to put a save between a load's read and its end. `q` goes only to the loader (and, on PostgreSQL,
// to the version read, which these calls pass in themselves).
const view = (text: string): QuestionView => ({ key: 'support', kind: 'yes_no', text: { sv: text }, fromCampaign: false });

function slowLoader() {
  const pending: ((views: QuestionView[]) => void)[] = [];
  let answer = [view('Före')];
  return {
    load: () => new Promise<QuestionView[]>((resolve) => pending.push(resolve)),
    /** The set as the database holds it from now on. */
    save: (text: string) => (answer = [view(text)]),
    /** Answers the oldest load with what the database held when it read (`held`), or holds now. */
    finish: (held = answer) => pending.shift()!(held),
    /** Answers the newest load with what the database holds now. */
    finishNewest: () => pending.pop()!(answer),
    waiting: () => pending.length,
  };
}

const on = (dialect: Tx['dialect']) => ({ dialect }) as Tx;

describe('QuestionCache', () => {
  it('does not keep a load that began before its list was dropped by a save', async () => {
    const loader = slowLoader();
    const cache = new QuestionCache(loader.load);
    const before = [view('Före')];
    const reading = cache.forList(on('sqlite'), 1);
    loader.save('Efter');
    cache.forgetList(1);
    loader.finish(before);
    expect((await reading).views).toEqual(before);

    const next = cache.forList(on('sqlite'), 1);
    expect(loader.waiting()).toBe(1);
    loader.finish();
    expect((await next).views).toEqual([view('Efter')]);
  });

  it("does not keep under another node's new version a load read before it (PostgreSQL)", async () => {
    const loader = slowLoader();
    const cache = new QuestionCache(loader.load);
    const old = cache.forList(on('postgres'), 1, 'v1');
    // Another node saved: the next read sees version v2 while the first load is still under way.
    loader.save('Efter');
    const fresh = cache.forList(on('postgres'), 1, 'v2');
    // The newer load ends first; the older one's answer must not replace it.
    loader.finishNewest();
    loader.finish([view('Före')]);
    expect((await old).views).toEqual([view('Före')]);
    expect((await fresh).views).toEqual([view('Efter')]);
    expect((await cache.forList(on('postgres'), 1, 'v2')).views).toEqual([view('Efter')]);
    expect(loader.waiting()).toBe(0);
  });

  it('answers from memory only what it holds under the version asked for, and reads nothing to say so', async () => {
    const loader = slowLoader();
    const cache = new QuestionCache(loader.load);
    expect(cache.cached(1, 'v1')).toBeUndefined();
    const reading = cache.forList(on('postgres'), 1, 'v1');
    loader.finish();
    await reading;
    expect(cache.cached(1, 'v1')?.views).toEqual([view('Före')]);
    // Another node saved (v2), or another list: a miss, for forList to read.
    expect(cache.cached(1, 'v2')).toBeUndefined();
    expect(cache.cached(2, 'v1')).toBeUndefined();
    expect(loader.waiting()).toBe(0);
  });
});
