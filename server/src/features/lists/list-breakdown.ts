import type { Database } from 'better-sqlite3';
import type { ListBreakdown } from '@ringstuga/shared';
import { OWN_CLOSING_SQL, OWN_LEASE_SQL } from './association-view.ts';

// Why each list offers what it offers. The counts need one pass over every contact (~100 k rows,
// tens of milliseconds), so they are reused while younger than `maxAgeMs`; the lists' own rows
// (active, script) are read fresh each time, so a leader's pause or edit shows at once.

type Counts = ListBreakdown['counts'];

// Each contact falls in exactly one category: the cases test status first, then what it waits for.
// The leader's board sees every list: a contact closed through another list is "not offered" there.
const COUNT_COLUMNS = `
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at <= @now), 0) AS ready,
    COALESCE(SUM(status = 'held'), 0) AS held,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at > @now AND last_outcome IS 'call_back'), 0) AS callbackWaiting,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at > @now AND last_outcome IS NOT 'call_back'), 0) AS coolingDown,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 1), 0) AS waitingForSpeaker,
    COALESCE(SUM(status = 'done' AND closed_reason IS 'do_not_call'), 0) AS doNotCall,
    COALESCE(SUM(status = 'done' AND closed_reason IS 'max_attempts'), 0) AS outOfAttempts,
    COALESCE(SUM(status = 'done' AND closed_reason IS 'reached_elsewhere'), 0) AS notOffered,
    COALESCE(SUM(status = 'done' AND closed_reason NOT IN ('do_not_call', 'max_attempts', 'reached_elsewhere')), 0) AS done`;
const COUNTS_SQL = `SELECT list_id, ${COUNT_COLUMNS} FROM contacts GROUP BY list_id`;

// The association's own view of its list: only what its own calls did is told apart. What another
// list did to a number (reached, held or closed there, the register, a cool-down it never caused)
// is one neutral "not offered", so a list never tells its association about another's contacts.
const OWN_COUNT_COLUMNS = `
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at <= @now), 0) AS ready,
    COALESCE(SUM(status = 'held' AND ${OWN_LEASE_SQL}), 0) AS held,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at > @now AND last_outcome IS 'call_back'), 0) AS callbackWaiting,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 0 AND next_call_at > @now AND last_outcome IS NOT 'call_back' AND attempts > 0), 0) AS coolingDown,
    COALESCE(SUM(status = 'ready' AND needs_speaker = 1), 0) AS waitingForSpeaker,
    COALESCE(SUM(status = 'done' AND ${OWN_CLOSING_SQL} AND closed_reason = 'do_not_call'), 0) AS doNotCall,
    COALESCE(SUM(status = 'done' AND ${OWN_CLOSING_SQL} AND closed_reason = 'max_attempts'), 0) AS outOfAttempts,
    COALESCE(SUM((status = 'done' AND NOT ${OWN_CLOSING_SQL}) OR (status = 'held' AND NOT ${OWN_LEASE_SQL})
                 OR (status = 'ready' AND needs_speaker = 0 AND next_call_at > @now AND attempts = 0)), 0) AS notOffered,
    COALESCE(SUM(status = 'done' AND ${OWN_CLOSING_SQL} AND closed_reason NOT IN ('do_not_call', 'max_attempts')), 0) AS done`;
// One list's contacts only, through the (list_id, phone) index: no scan of the other lists.
const LIST_COUNTS_SQL = `SELECT ${OWN_COUNT_COLUMNS} FROM contacts WHERE list_id = @listId`;

const NO_CONTACTS: Counts = { ready: 0, held: 0, callbackWaiting: 0, coolingDown: 0, waitingForSpeaker: 0, doNotCall: 0, outOfAttempts: 0, notOffered: 0, done: 0 };

/** The association's breakdown of one list (see OWN_COUNT_COLUMNS), counted afresh, for that list's progress page. */
export function createListCounts(sqlite: Database) {
  const counts = sqlite.prepare(LIST_COUNTS_SQL);
  return (listId: number, now: number): Counts => counts.get({ listId, now }) as Counts;
}

interface ListRow {
  id: number;
  name: string;
  active: number;
  script: string | null;
  instructions: string | null;
  association_id: number;
  association_name: string;
}

interface TranslationRow {
  list_id: number;
  language: string;
  script: string | null;
  instructions: string | null;
}

export function createListBreakdown(sqlite: Database, options: { maxAgeMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 0;
  const counts = sqlite.prepare(COUNTS_SQL);
  const lists = sqlite.prepare(
    `SELECT l.id, l.name, l.active, l.script, l.instructions, a.id AS association_id, a.name AS association_name
     FROM call_lists l JOIN associations a ON a.id = l.association_id JOIN municipalities m ON m.code = a.municipality_code
     WHERE l.deleted_at IS NULL
     ORDER BY m.name, a.name, l.id`,
  );
  const translations = sqlite.prepare('SELECT list_id, language, script, instructions FROM list_scripts ORDER BY list_id, language');
  let cache: { at: number; byList: Map<number, Counts> } | undefined;

  function countsAt(now: number): Map<number, Counts> {
    // A clock that went back (or a first call) computes afresh.
    if (cache && now >= cache.at && now - cache.at < maxAgeMs) return cache.byList;
    const rows = counts.all({ now }) as (Counts & { list_id: number })[];
    const byList = new Map(rows.map(({ list_id, ...rest }) => [list_id, rest]));
    cache = { at: now, byList };
    return byList;
  }

  return {
    /** Every list, zeros too, by municipality, association and list id. */
    breakdown(now: number): ListBreakdown[] {
      const byList = countsAt(now);
      // Map.groupBy needs Node 21.
      const scripts = new Map<number, TranslationRow[]>();
      for (const row of translations.all() as TranslationRow[]) {
        const list = scripts.get(row.list_id);
        if (list) list.push(row);
        else scripts.set(row.list_id, [row]);
      }
      return (lists.all() as ListRow[]).map((list) => ({
        listId: list.id,
        name: list.name,
        association: { id: list.association_id, name: list.association_name },
        active: list.active === 1,
        script: list.script,
        instructions: list.instructions,
        translations: (scripts.get(list.id) ?? []).map(({ language, script, instructions }) => ({ language, script, instructions })),
        counts: { ...(byList.get(list.id) ?? NO_CONTACTS) },
      }));
    },
    /** Forget the cached counts (after an import, say), so the next breakdown counts afresh. */
    invalidate(): void {
      cache = undefined;
    },
  };
}

export type ListBreakdownRepo = ReturnType<typeof createListBreakdown>;
