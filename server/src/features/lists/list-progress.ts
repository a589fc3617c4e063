import { asc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Figures, ListProgress } from '@ringstuga/shared';
import type { Db } from '../../db/open.ts';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { activityHours, callLists, calls, contacts, districtArchive } from '../../db/schema.ts';
import { hourSums } from '../figures/campaign-figures.ts';
import { createListCounts } from './list-breakdown.ts';
import type { ListRow } from './lists.repo.ts';

// One list's progress for its association. The totals are the list's counters; the days come from
// activity_hours (so they survive erasure); the districts count that list's contacts and their calls,
// each through an index on the list, never the whole campaign.


type District = ListProgress['districts'][number];

const zero = (): Figures => ({ attempts: 0, answered: 0, conversations: 0 });

const listId = sql.placeholder('listId');
const districtOf = sql<string>`coalesce(${contacts.votingDistrict}, '')`;

export function createListProgress(db: Db, options: { timeZone: string }) {
  const { timeZone } = options;
  const counts = createListCounts(db);
  const counters = db
    .select({
      contacts: callLists.contactsCount,
      personsCalled: callLists.personsCalled,
      attempts: callLists.attempts,
      answered: callLists.answered,
      conversations: callLists.conversations,
    })
    .from(callLists)
    .where(eq(callLists.id, listId))
    .prepare();
  const hours = db
    .select({ hourStart: activityHours.hourStart, ...hourSums() })
    .from(activityHours)
    .where(eq(activityHours.listId, listId))
    .groupBy(activityHours.hourStart)
    .orderBy(asc(activityHours.hourStart))
    .prepare();
  const districtContacts = db
    .select({ district: districtOf, contacts: sql<number>`count(*)`, personsCalled: sql<number>`sum(${contacts.attempts} > 0)` })
    .from(contacts)
    .where(eq(contacts.listId, listId))
    .groupBy(sql`1`)
    .prepare();
  // People erased or purged since: their districts' figures, kept as anonymous counts.
  const districtArchived = db
    .select({
      district: districtArchive.district,
      contacts: districtArchive.contacts,
      personsCalled: districtArchive.personsCalled,
      attempts: districtArchive.attempts,
      answered: districtArchive.answered,
      conversations: districtArchive.conversations,
    })
    .from(districtArchive)
    .where(eq(districtArchive.listId, listId))
    .prepare();
  const districtCalls = db
    .select({
      district: districtOf,
      attempts: sql<number>`count(*)`,
      answered: sql<number>`sum(${calls.outcome} IN (${sql.raw(REACHED_SQL)}))`,
      conversations: sql<number>`sum(${calls.outcome} IN (${sql.raw(CONVERSATION_SQL)}))`,
    })
    .from(contacts)
    .innerJoin(calls, eq(calls.contactId, contacts.id))
    .where(eq(contacts.listId, listId))
    .groupBy(sql`1`)
    .prepare();

  /** Every local day from the first with an attempt to today (or the last, if later): no holes in the chart. */
  function daily(listId: number, now: number): ListProgress['daily'] {
    const rows = hours.all({ listId });
    if (rows.length === 0) return [];
    const byDay = new Map<string, Figures>();
    for (const row of rows) {
      const day = DateTime.fromMillis(row.hourStart, { zone: timeZone }).toISODate()!;
      const figures = byDay.get(day) ?? zero();
      figures.attempts += row.attempts;
      figures.answered += row.answered;
      figures.conversations += row.conversations;
      byDay.set(day, figures);
    }
    const last = Math.max(now, rows.at(-1)!.hourStart);
    const result: ListProgress['daily'] = [];
    for (let day = DateTime.fromMillis(rows[0]!.hourStart, { zone: timeZone }).startOf('day'); day.toMillis() <= last; day = day.plus({ days: 1 })) {
      const key = day.toISODate()!;
      result.push({ day: key, ...(byDay.get(key) ?? zero()) });
    }
    return result;
  }

  /** Per voting district (none: ''), by district code, the contacts without a district last. */
  function districts(listId: number): District[] {
    const byDistrict = new Map<string, District>();
    for (const row of districtContacts.all({ listId })) {
      byDistrict.set(row.district, { ...row, ...zero() });
    }
    for (const row of districtCalls.all({ listId })) {
      // A district always has contacts when it has calls: calls are joined through them.
      Object.assign(byDistrict.get(row.district)!, { attempts: row.attempts, answered: row.answered, conversations: row.conversations });
    }
    for (const row of districtArchived.all({ listId })) {
      const live = byDistrict.get(row.district);
      if (!live) {
        byDistrict.set(row.district, { ...row });
        continue;
      }
      for (const key of ['contacts', 'personsCalled', 'attempts', 'answered', 'conversations'] as const) live[key] += row[key];
    }
    const order = (d: District) => [d.district === '' ? 1 : 0, d.district] as const;
    return [...byDistrict.values()].sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    });
  }

  return {
    progress(list: ListRow, now: number): ListProgress {
      const { contacts, personsCalled, ...figures } = counters.get({ listId: list.id })!;
      return {
        list: { id: list.id, name: list.name, association: { id: list.associationId, name: list.associationName }, notesEnabled: list.notesEnabled },
        contacts,
        personsCalled,
        figures,
        breakdown: counts(list.id, now),
        daily: daily(list.id, now),
        districts: districts(list.id),
      };
    },
  };
}

