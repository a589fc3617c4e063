import type { Database } from 'better-sqlite3';
import type { VolunteerTotals, VolunteerTotalsRow } from '@ringstuga/shared';
import { ALL_TIME, perVolunteerHour, SHIFT_MS_SQL, toHours } from '../figures/campaign-figures.ts';

// The figures the 2018 report lacked: how many volunteers came, for how long, and what an hour of
// theirs gave. Read from the shifts and their counters only (a few thousand rows at most).

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
