import type { Database } from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Figures, ListProgress } from '@ringstuga/shared';
import { CONVERSATION_SQL, REACHED_SQL } from '../../db/outcome-sql.ts';
import { createListCounts } from './list-breakdown.ts';
import type { ListRow } from './lists.repo.ts';

// One list's progress for its association. The totals are the list's counters; the days come from
// activity_hours (so they survive erasure); the districts count that list's contacts and their calls,
// each through an index on the list, never the whole campaign.


type District = ListProgress['districts'][number];

const zero = (): Figures => ({ attempts: 0, answered: 0, conversations: 0 });

export function createListProgress(sqlite: Database, options: { timeZone: string }) {
  const { timeZone } = options;
  const counts = createListCounts(sqlite);
  const counters = sqlite.prepare(
    `SELECT contacts_count AS contacts, persons_called AS personsCalled, attempts, answered, conversations
     FROM call_lists WHERE id = ?`,
  );
  const hours = sqlite.prepare(
    `SELECT hour_start, SUM(attempts) AS attempts, SUM(answered) AS answered, SUM(conversations) AS conversations
     FROM activity_hours WHERE list_id = ? GROUP BY hour_start ORDER BY hour_start`,
  );
  const districtContacts = sqlite.prepare(
    `SELECT COALESCE(voting_district, '') AS district, COUNT(*) AS contacts, SUM(attempts > 0) AS personsCalled
     FROM contacts WHERE list_id = ? GROUP BY 1`,
  );
  // People erased or purged since: their districts' figures, kept as anonymous counts.
  const districtArchive = sqlite.prepare(
    `SELECT district, contacts, persons_called AS personsCalled, attempts, answered, conversations
     FROM district_archive WHERE list_id = ?`,
  );
  const districtCalls = sqlite.prepare(
    `SELECT COALESCE(c.voting_district, '') AS district, COUNT(*) AS attempts,
            SUM(k.outcome IN (${REACHED_SQL})) AS answered, SUM(k.outcome IN (${CONVERSATION_SQL})) AS conversations
     FROM contacts c JOIN calls k ON k.contact_id = c.id WHERE c.list_id = ? GROUP BY 1`,
  );

  /** Every local day from the first with an attempt to today (or the last, if later): no holes in the chart. */
  function daily(listId: number, now: number): ListProgress['daily'] {
    const rows = hours.all(listId) as (Figures & { hour_start: number })[];
    if (rows.length === 0) return [];
    const byDay = new Map<string, Figures>();
    for (const row of rows) {
      const day = DateTime.fromMillis(row.hour_start, { zone: timeZone }).toISODate()!;
      const figures = byDay.get(day) ?? zero();
      figures.attempts += row.attempts;
      figures.answered += row.answered;
      figures.conversations += row.conversations;
      byDay.set(day, figures);
    }
    const last = Math.max(now, rows.at(-1)!.hour_start);
    const result: ListProgress['daily'] = [];
    for (let day = DateTime.fromMillis(rows[0]!.hour_start, { zone: timeZone }).startOf('day'); day.toMillis() <= last; day = day.plus({ days: 1 })) {
      const key = day.toISODate()!;
      result.push({ day: key, ...(byDay.get(key) ?? zero()) });
    }
    return result;
  }

  /** Per voting district (none: ''), by district code, the contacts without a district last. */
  function districts(listId: number): District[] {
    const byDistrict = new Map<string, District>();
    for (const row of districtContacts.all(listId) as { district: string; contacts: number; personsCalled: number }[]) {
      byDistrict.set(row.district, { ...row, ...zero() });
    }
    for (const row of districtCalls.all(listId) as (Figures & { district: string })[]) {
      // A district always has contacts when it has calls: calls are joined through them.
      Object.assign(byDistrict.get(row.district)!, { attempts: row.attempts, answered: row.answered, conversations: row.conversations });
    }
    for (const row of districtArchive.all(listId) as District[]) {
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
      const { contacts, personsCalled, ...figures } = counters.get(list.id) as Figures & { contacts: number; personsCalled: number };
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

