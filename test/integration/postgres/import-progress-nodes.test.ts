import { afterEach, expect, it } from 'vitest';
import type { ImportProgress } from '@ringstuga/shared';
import { associations, municipalities } from '../../../server/src/db/schema.ts';
import { describeWithPostgres } from '../../helpers/postgres/binaries.ts';
import { createDatabase, type TestDatabase } from '../../helpers/postgres/database.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';

// An import's progress bar behind a load balancer without sticky sessions: the upload goes to one
// node, the page's polls to another.

let database: TestDatabase | undefined;
const nodes: TestServer[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.close();
  await database?.drop();
  database = undefined;
});

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ROWS = 20_000;
const PHASES: ImportProgress['phase'][] = ['parsing', 'matching', 'writing', 'done'];

describeWithPostgres('import progress on two nodes', () => {
  // Two node starts and a 20,000-row import: minutes, not seconds, on a loaded two-core CI machine.
  it('is read on node B while node A imports, advancing to the end', { timeout: 240_000 }, async () => {
    database = await createDatabase();
    for (let i = 0; i < 2; i += 1) nodes.push(await startServer({ databaseUrl: database.url }));
    const [a, b] = nodes as [TestServer, TestServer];
    const associationId = await a.app.store.write(async (q) => {
      await q.db.insert(municipalities).values({ code: '0127', name: 'Botkyrka' });
      const [made] = await q.db.insert(associations).values({ name: 'Botkyrka Blå', municipalityCode: '0127' }).returning({ id: associations.id });
      return made!.id;
    });
    const listResponse = await fetch(`${a.url}/api/lists`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Medlemmar', associationId }),
    });
    const { id: listId } = (await listResponse.json()) as { id: number };
    // A first import large enough to be written in many chunks, with progress reported between them.
    const lines = ['Namn;Telefon'];
    for (let i = 0; i < ROWS; i += 1) lines.push(`Person ${i};07${String(20_000_000 + i)}`);
    const importId = crypto.randomUUID();
    const progressOnB = async (id = importId): Promise<ImportProgress | number> => {
      const response = await fetch(`${b.url}/api/lists/${listId}/import-progress?importId=${id}`, { headers: admin });
      return response.ok ? ((await response.json()) as ImportProgress) : response.status;
    };
    expect(await progressOnB()).toBe(404);

    let finished = false;
    const uploading = fetch(`${a.url}/api/lists/${listId}/import?importId=${importId}`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: `${lines.join('\r\n')}\r\n`,
    }).finally(() => (finished = true));
    const seen: ImportProgress[] = [];
    // Polled as the page polls, bounded in count (and so in time: 3,000 × at least 20 ms).
    for (let polls = 0; polls < 3_000 && !finished; polls += 1) {
      const progress = await progressOnB();
      if (typeof progress !== 'number') seen.push(progress);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answer = await uploading;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ imported: ROWS });

    // B saw the import running, its rows written count rising, before its end.
    const writing = seen.filter((progress) => progress.phase === 'writing');
    expect(writing.some((progress) => progress.total === ROWS && progress.done > 0 && progress.done < ROWS)).toBe(true);
    const counts = writing.map((progress) => progress.done);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    // Phases only ever move on ('failed' would sort first and break the order).
    const steps = seen.map((progress) => PHASES.indexOf(progress.phase));
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
    expect(await progressOnB()).toEqual({ phase: 'done', done: ROWS, total: ROWS });
    // Another import's id, or this one asked under another list, is not found.
    expect(await progressOnB(crypto.randomUUID())).toBe(404);
    const other = await fetch(`${b.url}/api/lists/${listId + 1}/import-progress?importId=${importId}`, { headers: admin });
    expect(other.status).toBe(404);
  });
});
