import { asc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Figures, ListProgress } from '@ringstuga/shared';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { activityHours, callLists, calls, contacts, districtArchive } from '../../db/schema.ts';
import { first, type Tx } from '../../db/store/store.ts';
import { hourSums } from '../figures/campaign-figures.ts';
import { listCounts } from './list-breakdown.ts';
import type { ListRow } from './lists.repo.ts';

// One list's progress for its association. The totals are the list's counters; the days come from
// activity_hours (so they survive erasure); the districts count that list's contacts and their calls,
// each through an index on the list, never the whole campaign.


type District = ListProgress['districts'][number];

const zero = (): Figures => ({ attempts: 0, answered: 0, conversations: 0 });

const districtOf = sql<string>`coalesce(${contacts.votingDistrict}, '')`;

export function createListProgress(options: { timeZone: string }) {
  const { timeZone } = options;
  const counters = async (q: Tx, listId: number) =>
    first(
      await q.db
        .select({
          contacts: callLists.contactsCount,
          personsCalled: callLists.personsCalled,
          attempts: callLists.attempts,
          answered: callLists.answered,
          conversations: callLists.conversations,
        })
        .from(callLists)
        .where(eq(callLists.id, listId)),
    );
  const hours = (q: Tx, listId: number) =>
    q.db
      .select({ hourStart: activityHours.hourStart, ...hourSums() })
      .from(activityHours)
      .where(eq(activityHours.listId, listId))
      .groupBy(activityHours.hourStart)
      .orderBy(asc(activityHours.hourStart));
  const districtContacts = (q: Tx, listId: number) =>
    q.db
      .select({ district: districtOf, contacts: sql<number>`count(*)`, personsCalled: sql<number>`count(*) FILTER (WHERE ${contacts.attempts} > 0)` })
      .from(contacts)
      .where(eq(contacts.listId, listId))
      .groupBy(sql`1`);
  // People erased or purged since: their districts' figures, kept as anonymous counts.
  const districtArchived = (q: Tx, listId: number) =>
    q.db
      .select({
        district: districtArchive.district,
        contacts: districtArchive.contacts,
        personsCalled: districtArchive.personsCalled,
        attempts: districtArchive.attempts,
        answered: districtArchive.answered,
        conversations: districtArchive.conversations,
      })
      .from(districtArchive)
      .where(eq(districtArchive.listId, listId));
  const districtCalls = (q: Tx, listId: number) =>
    q.db
      .select({
        district: districtOf,
        attempts: sql<number>`count(*)`,
        answered: sql<number>`count(*) FILTER (WHERE ${calls.outcome} IN (${sql.raw(REACHED_SQL)}))`,
        conversations: sql<number>`count(*) FILTER (WHERE ${calls.outcome} IN (${sql.raw(CONVERSATION_SQL)}))`,
      })
      .from(contacts)
      .innerJoin(calls, eq(calls.contactId, contacts.id))
      .where(eq(contacts.listId, listId))
      .groupBy(sql`1`);

  /** Every local day from the first with an attempt to today (or the last, if later): no holes in the chart. */
  async function daily(q: Tx, listId: number, now: number): Promise<ListProgress['daily']> {
    const rows = await hours(q, listId);
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
  async function districts(q: Tx, listId: number): Promise<District[]> {
    const byDistrict = new Map<string, District>();
    for (const row of await districtContacts(q, listId)) {
      byDistrict.set(row.district, { ...row, ...zero() });
    }
    for (const row of await districtCalls(q, listId)) {
      // A district always has contacts when it has calls: calls are joined through them.
      Object.assign(byDistrict.get(row.district)!, { attempts: row.attempts, answered: row.answered, conversations: row.conversations });
    }
    for (const row of await districtArchived(q, listId)) {
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
    async progress(q: Tx, list: ListRow, now: number): Promise<ListProgress> {
      const { contacts, personsCalled, ...figures } = (await counters(q, list.id))!;
      return {
        list: { id: list.id, name: list.name, association: { id: list.associationId, name: list.associationName }, notesEnabled: list.notesEnabled },
        contacts,
        personsCalled,
        figures,
        breakdown: await listCounts(q, list.id, now),
        daily: await daily(q, list.id, now),
        districts: await districts(q, list.id),
      };
    },
  };
}

