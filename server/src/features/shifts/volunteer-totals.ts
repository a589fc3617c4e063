import type { Database } from 'better-sqlite3';
import type { VolunteerTotals, VolunteerTotalsRow } from '@ringstuga/shared';

// The figures the 2018 report lacked: how many volunteers came, for how long, and what an hour of
// theirs gave. Read from the shifts and their counters only (a few thousand rows at most).

const HOUR_MS = 60 * 60 * 1000;

/**
 * A shift's milliseconds inside [@from, @to), an open shift counted up to its volunteer's last act
 * or last wait for a contact. Not up to now: an idle shift is closed at that moment, and hours
 * shown on the board and the big screen must never go backwards. Shared by every read model that counts volunteer hours.
 */
export const SHIFT_MS_SQL =
  'MAX(0, MIN(COALESCE(ended_at, MAX(last_activity_at, COALESCE(last_seen_at, 0))), @to) - MAX(started_at, @from))';
/** @from/@to for "the whole campaign". */
export const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER } as const;

/** Milliseconds as hours, rounded to 0.1. */
export function toHours(ms: number): number {
  return Math.round(ms / (HOUR_MS / 10)) / 10;
}

/**
 * `count` per volunteer-hour, rounded to 0.1; null while the hours still show as 0 (two attempts
 * in the first minute of a shift would read as 120 an hour).
 */
export function perVolunteerHour(count: number, ms: number): number | null {
  if (toHours(ms) === 0) return null;
  return Math.round((count / (ms / HOUR_MS)) * 10) / 10;
}

/** The name of the row for volunteers who called for the whole district (no association). */
export const DISTRICT_WIDE_NAME = 'Hela distriktet';


interface ShiftRow {
  name: string;
  association_id: number | null;
  room_id: number;
  attempts: number;
  answered: number;
  conversations: number;
  ms: number;
}

class Tally {
  private readonly people = new Set<string>();
  private shifts = 0;
  private ms = 0;
  private attempts = 0;
  private answered = 0;
  private conversations = 0;

  add(shift: ShiftRow): void {
    // In JS rather than SQL: SQLite's lower() folds ASCII only, and "Åsa" and "åsa" are one person.
    this.people.add(`${shift.name.trim().normalize('NFC').toLocaleLowerCase('sv')}\u0000${shift.association_id ?? ''}`);
    this.shifts += 1;
    this.ms += shift.ms;
    this.attempts += shift.attempts;
    this.answered += shift.answered;
    this.conversations += shift.conversations;
  }

  row(): VolunteerTotalsRow {
    return {
      volunteers: this.people.size,
      shifts: this.shifts,
      volunteerHours: toHours(this.ms),
      attempts: this.attempts,
      answered: this.answered,
      conversations: this.conversations,
      attemptsPerVolunteerHour: perVolunteerHour(this.attempts, this.ms),
    };
  }
}

export function createVolunteerTotals(sqlite: Database) {
  const shifts = sqlite.prepare(
    `SELECT name, association_id, room_id, attempts, answered, conversations, ${SHIFT_MS_SQL} AS ms FROM shifts`,
  );
  const associations = sqlite.prepare('SELECT id, name FROM associations');
  const rooms = sqlite.prepare('SELECT id, name FROM rooms ORDER BY id');

  return {
    totals(now: number): VolunteerTotals {
      const campaign = new Tally();
      const byAssociation = new Map<number | null, Tally>();
      const byRoom = new Map<number, Tally>();
      for (const shift of shifts.all({ now, ...ALL_TIME }) as ShiftRow[]) {
        campaign.add(shift);
        tallyOf(byAssociation, shift.association_id).add(shift);
        tallyOf(byRoom, shift.room_id).add(shift);
      }
      const named = (associations.all() as { id: number; name: string }[]).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
      const associationRows: VolunteerTotals['associations'] = named.map((a) => ({ id: a.id, name: a.name, ...tallyOf(byAssociation, a.id).row() }));
      const districtWide = byAssociation.get(null);
      if (districtWide) associationRows.push({ id: null, name: DISTRICT_WIDE_NAME, ...districtWide.row() });
      return {
        campaign: campaign.row(),
        associations: associationRows,
        rooms: (rooms.all() as { id: number; name: string }[]).map((r) => ({ id: r.id, name: r.name, ...tallyOf(byRoom, r.id).row() })),
      };
    },
  };
}

function tallyOf<K>(tallies: Map<K, Tally>, key: K): Tally {
  let tally = tallies.get(key);
  if (!tally) {
    tally = new Tally();
    tallies.set(key, tally);
  }
  return tally;
}
