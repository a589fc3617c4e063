// The floor the stack can approach: the same claim + outcome cycle written straight on
// better-sqlite3, on the same schema and indexes, with no network, no framework and no validation.
import Database from 'better-sqlite3';
import { OUTCOME_RULES, type Outcome } from '@ringstuga/shared';
import { mulberry32 } from '../seeds/demo-data.ts';
import { drawOutcome } from '../tools/simulate/outcome-mix.ts';

export interface RawResult {
  cycles: number;
  seconds: number;
  perSecond: number;
  /** This process's CPU time per cycle (user + system): less distorted by a busy machine than the rate. */
  cpuUsPerCycle: number;
}

function cpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export function runRawReference(path: string, durationMs: number, stations: number): RawResult {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  const s = {
    held: db.prepare(`SELECT id FROM assignments WHERE station_id = ? AND status = 'active'`),
    // The same single-statement claim probe as the allocator's.
    best: db.prepare(
      `WITH heads AS MATERIALIZED (
         SELECT CAST(l.persons_called AS REAL) / MAX(l.contacts_count, 1) AS coverage,
           (SELECT h.id FROM contacts h
            WHERE h.list_id = l.id AND h.status = 'ready' AND h.needs_speaker = 0 AND h.priority IN (1, 2, 3) AND h.next_call_at <= ?
            ORDER BY h.priority, h.next_call_at, h.id LIMIT 1) AS head
         FROM call_lists l WHERE l.active = 1)
       SELECT c.id, c.phone FROM heads JOIN contacts c ON c.id = heads.head
       ORDER BY c.priority, c.next_call_at, heads.coverage, c.id LIMIT 1`,
    ),
    dnc: db.prepare('SELECT 1 FROM do_not_call WHERE phone = ?'),
    hold: db.prepare(`UPDATE contacts SET status = 'held' WHERE phone = ? AND status = 'ready'`),
    lease: db.prepare(
      `INSERT INTO assignments (id, station_id, contact_id, phone, status, created_at, expires_at) VALUES (?, ?, ?, ?, 'active', ?, ?)`,
    ),
    card: db.prepare('SELECT c.*, l.association_id FROM contacts c JOIN call_lists l ON l.id = c.list_id WHERE c.id = ?'),
    history: db.prepare('SELECT * FROM calls WHERE contact_id = ?'),
    findLease: db.prepare('SELECT * FROM assignments WHERE id = ?'),
    contact: db.prepare('SELECT id, list_id, phone, attempts FROM contacts WHERE id = ?'),
    update: db.prepare(
      `UPDATE contacts SET attempts = ?, last_outcome = ?, last_attempt_at = ?, status = ?, next_call_at = ? WHERE id = ?`,
    ),
    release: db.prepare(`UPDATE contacts SET status = 'ready' WHERE phone = ? AND status = 'held'`),
    call: db.prepare(
      `INSERT INTO calls (assignment_id, contact_id, station_id, list_id, outcome, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    end: db.prepare(`UPDATE assignments SET status = 'completed', ended_at = ? WHERE id = ?`),
    count: db.prepare(
      `UPDATE call_lists SET attempts = attempts + 1, answered = answered + ?, conversations = conversations + ? WHERE id = ?`,
    ),
  };
  const claim = db.transaction((station: number, now: number, leaseId: string): boolean => {
    s.held.get(station); // the server looks for a held lease first; here every lease is completed
    const best = s.best.get(now) as { id: number; phone: string } | undefined;
    if (!best || s.dnc.get(best.phone)) return false;
    s.hold.run(best.phone);
    s.lease.run(leaseId, station, best.id, best.phone, now, now + 900_000);
    s.card.get(best.id);
    s.history.all(best.id);
    return true;
  });
  const record = db.transaction((leaseId: string, outcome: Outcome, now: number) => {
    const lease = s.findLease.get(leaseId) as { contact_id: number; phone: string; station_id: number; created_at: number };
    const contact = s.contact.get(lease.contact_id) as { id: number; list_id: number; phone: string; attempts: number };
    const rule = OUTCOME_RULES[outcome];
    s.update.run(contact.attempts + 1, outcome, now, rule.effect === 'retry' || rule.effect === 'call_back' ? 'ready' : 'done', now + 7_200_000, contact.id);
    s.release.run(lease.phone);
    s.call.run(leaseId, contact.id, lease.station_id, contact.list_id, outcome, lease.created_at, now);
    s.end.run(now, leaseId);
    s.count.run(rule.reached ? 1 : 0, rule.conversation ? 1 : 0, contact.list_id);
  });

  const random = mulberry32(1);
  const stationIds = (db.prepare('SELECT id FROM stations ORDER BY id LIMIT ?').all(stations) as { id: number }[]).map((r) => r.id);
  const started = performance.now();
  const cpuBefore = cpuUs();
  let cycles = 0;
  while (performance.now() - started < durationMs) {
    const station = stationIds[cycles % stationIds.length]!;
    const leaseId = crypto.randomUUID();
    const now = Date.now();
    if (!claim(station, now, leaseId)) break;
    record(leaseId, drawOutcome(random), now);
    cycles += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuUsPerCycle = (cpuUs() - cpuBefore) / cycles;
  db.close();
  return { cycles, seconds, perSecond: cycles / seconds, cpuUsPerCycle };
}

/**
 * The minimal floor: a claim + outcome cycle with none of the product's features. One table of
 * contacts with one partial index on the ready ones, one call row per outcome, one counter row;
 * no per-list probes, leases, rooms, shifts or do-not-call register. What better-sqlite3 itself
 * allows on this machine, so the full stack can be read as a share of it.
 */
export function runMinimalFloor(path: string, durationMs: number, contacts: number): RawResult {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 10000');
  db.exec(`
    CREATE TABLE contacts (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, priority INTEGER NOT NULL, status TEXT NOT NULL,
      next_call_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_outcome TEXT);
    CREATE INDEX contacts_ready ON contacts (priority, next_call_at, id) WHERE status = 'ready';
    CREATE TABLE calls (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, station_id INTEGER NOT NULL, outcome TEXT NOT NULL, ended_at INTEGER NOT NULL);
    CREATE TABLE counter (id INTEGER PRIMARY KEY, attempts INTEGER NOT NULL, answered INTEGER NOT NULL, conversations INTEGER NOT NULL);
    INSERT INTO counter VALUES (1, 0, 0, 0);`);
  const insert = db.prepare(`INSERT INTO contacts (id, phone, priority, status, next_call_at) VALUES (?, ?, ?, 'ready', 0)`);
  db.transaction(() => {
    for (let id = 1; id <= contacts; id += 1) insert.run(id, `+4670${String(id).padStart(7, '0')}`, 1 + (id % 3));
  })();
  const s = {
    head: db.prepare(`SELECT id, phone FROM contacts WHERE status = 'ready' AND next_call_at <= ? ORDER BY priority, next_call_at, id LIMIT 1`),
    hold: db.prepare(`UPDATE contacts SET status = 'held' WHERE id = ?`),
    update: db.prepare(`UPDATE contacts SET attempts = attempts + 1, last_outcome = ?, status = ?, next_call_at = ? WHERE id = ?`),
    call: db.prepare('INSERT INTO calls (contact_id, station_id, outcome, ended_at) VALUES (?, ?, ?, ?)'),
    count: db.prepare('UPDATE counter SET attempts = attempts + 1, answered = answered + ?, conversations = conversations + ? WHERE id = 1'),
  };
  const claim = db.transaction((now: number): number | undefined => {
    const head = s.head.get(now) as { id: number; phone: string } | undefined;
    if (head) s.hold.run(head.id);
    return head?.id;
  });
  const record = db.transaction((contact: number, station: number, outcome: Outcome, now: number) => {
    const rule = OUTCOME_RULES[outcome];
    s.update.run(outcome, rule.effect === 'retry' || rule.effect === 'call_back' ? 'ready' : 'done', now + 7_200_000, contact);
    s.call.run(contact, station, outcome, now);
    s.count.run(rule.reached ? 1 : 0, rule.conversation ? 1 : 0);
  });

  const random = mulberry32(1);
  const started = performance.now();
  const cpuBefore = cpuUs();
  let cycles = 0;
  while (performance.now() - started < durationMs) {
    const now = Date.now();
    const contact = claim(now);
    if (contact === undefined) break;
    record(contact, cycles % 200, drawOutcome(random), now);
    cycles += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuUsPerCycle = (cpuUs() - cpuBefore) / cycles;
  db.close();
  return { cycles, seconds, perSecond: cycles / seconds, cpuUsPerCycle };
}
