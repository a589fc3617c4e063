import { asc } from 'drizzle-orm';
import type { VolunteerTotals, VolunteerTotalsRow } from '@ringstuga/shared';
import { associations, rooms, shifts } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';
import { ALL_TIME, perVolunteerHour, shiftMs, toHours, volunteerKey } from '../figures/campaign-figures.ts';

// The figures the 2018 report lacked: how many volunteers came, for how long, and what an hour of
// theirs gave. Read from the shifts and their counters only (a few thousand rows at most).

/** The name of the row for volunteers who called for the whole district (no association). */
export const DISTRICT_WIDE_NAME = 'Hela distriktet';

const shiftFigures = {
  name: shifts.name,
  associationId: shifts.associationId,
  roomId: shifts.roomId,
  attempts: shifts.attempts,
  answered: shifts.answered,
  conversations: shifts.conversations,
  ms: shiftMs(ALL_TIME.from, ALL_TIME.to),
};

class Tally {
  private readonly people = new Set<string>();
  private shifts = 0;
  private ms = 0;
  private attempts = 0;
  private answered = 0;
  private conversations = 0;

  add(shift: { name: string; associationId: number | null; ms: number } & Record<'attempts' | 'answered' | 'conversations', number>): void {
    this.people.add(volunteerKey(shift));
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

/**
 * The campaign's totals, per association and per room. Not read at a moment: an open shift counts up
 * to its volunteer's last sign, so the hours never grow with the clock.
 */
export async function volunteerTotals(q: Tx): Promise<VolunteerTotals> {
  const campaign = new Tally();
  const byAssociation = new Map<number | null, Tally>();
  const byRoom = new Map<number, Tally>();
  for (const shift of await q.db.select(shiftFigures).from(shifts)) {
    campaign.add(shift);
    tallyOf(byAssociation, shift.associationId).add(shift);
    tallyOf(byRoom, shift.roomId).add(shift);
  }
  const named = (await q.db.select({ id: associations.id, name: associations.name }).from(associations)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const associationRows: VolunteerTotals['associations'] = named.map((a) => ({ id: a.id, name: a.name, ...tallyOf(byAssociation, a.id).row() }));
  const districtWide = byAssociation.get(null);
  if (districtWide) associationRows.push({ id: null, name: DISTRICT_WIDE_NAME, ...districtWide.row() });
  const roomRows = await q.db.select({ id: rooms.id, name: rooms.name }).from(rooms).orderBy(asc(rooms.id));
  return {
    campaign: campaign.row(),
    associations: associationRows,
    rooms: roomRows.map((r) => ({ id: r.id, name: r.name, ...tallyOf(byRoom, r.id).row() })),
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
