// Template databases for the benchmark, built once per run and copied for each scenario.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../server/src/db/open.ts';
import { ensureStations } from '../seeds/stations.ts';
import { seedDemo } from '../seeds/seed.ts';
import { mulberry32 } from '../seeds/demo-data.ts';

export const BENCH_STATIONS = 2000;
const HISTORY_OUTCOMES = ['conversation', 'declined', 'no_answer', 'busy', 'voicemail', 'no_answer', 'call_back'] as const;

/** The demo campaign (96,971 contacts over 38 lists) with 2,000 stations. */
export async function buildDemoTemplate(path: string): Promise<void> {
  const db = openDatabase(path);
  await seedDemo(db, { stations: BENCH_STATIONS, now: 0 });
  close(db);
}

/** A small campaign: the demo's lists, trimmed to `contacts` contacts. */
export async function buildSmallTemplate(path: string, contacts: number): Promise<void> {
  const db = openDatabase(path);
  await seedDemo(db, { stations: BENCH_STATIONS, now: 0 });
  db.$client.prepare('DELETE FROM contacts WHERE id > ?').run(contacts);
  recountContacts(db);
  close(db);
}

/**
 * A campaign grown to `contacts` contacts with `calls` call rows of history: the added contacts
 * were all called before, so they are closed or cooling down (due far in the future), and
 * they pile up in each list's index ahead of nothing: the probe must seek past them.
 */
export async function buildLargeTemplate(path: string, contacts: number, calls: number): Promise<void> {
  const db = openDatabase(path);
  await seedDemo(db, { stations: BENCH_STATIONS, now: 0 });
  const sqlite = db.$client;
  const lists = (sqlite.prepare('SELECT id FROM call_lists ORDER BY id').all() as { id: number }[]).map((l) => l.id);
  const random = mulberry32(7);
  const future = Date.UTC(2100, 0, 1);
  const insertContact = sqlite.prepare(
    `INSERT INTO contacts (list_id, name, phone, priority, status, attempts, last_outcome, last_attempt_at, next_call_at, created_at, closed_reason)
     VALUES (?, 'Historik', ?, 2, ?, ?, ?, 1, ?, 0, ?)`,
  );
  const insertCall = sqlite.prepare(
    `INSERT INTO calls (contact_id, station_id, list_id, outcome, started_at, ended_at) VALUES (?, 1, ?, ?, 0, 1)`,
  );
  const existing = (sqlite.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
  const added = contacts - existing;
  sqlite.transaction(() => {
    for (let i = 0; i < added; i += 1) {
      const listId = lists[i % lists.length]!;
      const callsHere = i < calls - added ? 2 : i < calls ? 1 : 0;
      const outcome = HISTORY_OUTCOMES[Math.floor(random() * HISTORY_OUTCOMES.length)]!;
      const reached = outcome === 'conversation' || outcome === 'declined';
      const id = Number(
        insertContact.run(
          listId,
          `+4699${String(i).padStart(9, '0')}`,
          reached ? 'done' : 'ready',
          callsHere,
          callsHere ? outcome : null,
          reached ? 1 : future,
          reached ? outcome : null,
        ).lastInsertRowid,
      );
      for (let c = 0; c < callsHere; c += 1) insertCall.run(id, listId, outcome);
    }
  })();
  recountContacts(db);
  sqlite.prepare(
    `UPDATE call_lists SET attempts = (SELECT COUNT(*) FROM calls WHERE calls.list_id = call_lists.id),
       persons_called = (SELECT COUNT(DISTINCT contact_id) FROM calls WHERE calls.list_id = call_lists.id)`,
  ).run();
  ensureStations(db, BENCH_STATIONS, 0);
  close(db);
}

/** A fresh copy of a template for one scenario. */
export function copyTemplate(template: string, dir: string, name: string): string {
  const path = join(dir, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  copyFileSync(template, path);
  return path;
}

function recountContacts(db: Db): void {
  db.$client
    .prepare('UPDATE call_lists SET contacts_count = (SELECT COUNT(*) FROM contacts WHERE list_id = call_lists.id)')
    .run();
}

/** Checkpoints the WAL into the file so the template is one self-contained file. */
function close(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}
