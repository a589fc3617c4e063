import type { Database } from 'better-sqlite3';
import type { StandingFigures, StandingRow, Standings } from '@ringstuga/shared';
import { ALL_TIME, localDay, SHIFT_MS_SQL, toHours } from '../figures/campaign-figures.ts';
import { rankByConversations } from '../figures/ranking.ts';

// Standings per municipality and association, for every room or one. Reads only the per-list
// counters, activity_hours and shifts (never contacts or calls), so it can run on every push.
// Figures are gathered per association and summed up into municipalities here; volunteer hours
// are summed in milliseconds and rounded last, so a municipality's hours are not a sum of roundings.

interface Activity {
  personsCalled: number;
  attempts: number;
  answered: number;
  conversations: number;
}
/** One period's figures while they are being summed: volunteer time still in milliseconds. */
interface Acc extends Activity {
  contacts: number;
  ms: number;
}
interface Tally {
  today: Acc;
  campaign: Acc;
}
interface AssociationRow extends Activity {
  id: number;
  name: string;
  code: string;
  municipality: string;
  contacts: number;
}

const acc = (contacts = 0): Acc => ({ contacts, personsCalled: 0, attempts: 0, answered: 0, conversations: 0, ms: 0 });

function addActivity(target: Acc, source: Activity): void {
  target.personsCalled += source.personsCalled;
  target.attempts += source.attempts;
  target.answered += source.answered;
  target.conversations += source.conversations;
}

function addAcc(target: Acc, source: Acc): void {
  addActivity(target, source);
  target.contacts += source.contacts;
  target.ms += source.ms;
}

export function createStandingsRepo(sqlite: Database, options: { timeZone: string }) {
  const associations = sqlite.prepare(
    `SELECT a.id, a.name, m.code, m.name AS municipality,
            COALESCE(SUM(l.contacts_count), 0) AS contacts, COALESCE(SUM(l.persons_called), 0) AS personsCalled,
            COALESCE(SUM(l.attempts), 0) AS attempts, COALESCE(SUM(l.answered), 0) AS answered,
            COALESCE(SUM(l.conversations), 0) AS conversations
     FROM associations a
     JOIN municipalities m ON m.code = a.municipality_code
     LEFT JOIN call_lists l ON l.association_id = a.id
     GROUP BY a.id`,
  );
  const municipalities = sqlite.prepare('SELECT code, name FROM municipalities');
  const activity = sqlite.prepare(
    `SELECT l.association_id, SUM(h.persons_called) AS personsCalled, SUM(h.attempts) AS attempts,
            SUM(h.answered) AS answered, SUM(h.conversations) AS conversations
     FROM activity_hours h JOIN call_lists l ON l.id = h.list_id
     WHERE h.hour_start >= @from AND h.hour_start < @to AND (@room IS NULL OR h.room_id = @room)
     GROUP BY l.association_id`,
  );
  // Shifts without an association (calling for the whole district) belong to no row.
  const shiftMs = sqlite.prepare(
    `SELECT association_id, SUM(${SHIFT_MS_SQL}) AS ms FROM shifts
     WHERE association_id IS NOT NULL AND started_at < @to AND (@room IS NULL OR room_id = @room)
     GROUP BY association_id`,
  );

  return {
    /** roomId null: every room; otherwise only what that room's stations did (contacts stay whole-list). */
    standings(roomId: number | null, now: number): Standings {
      const rows = associations.all() as AssociationRow[];
      const tallies = new Map<number, Tally>();
      for (const row of rows) {
        // Every room: the list counters are the campaign. One room: its activity_hours, added below.
        const campaign = acc(row.contacts);
        if (roomId === null) addActivity(campaign, row);
        tallies.set(row.id, { today: acc(row.contacts), campaign });
      }
      const sum = (period: keyof Tally, range: { from: number; to: number }, withActivity: boolean) => {
        if (withActivity) {
          for (const source of activity.all({ room: roomId, ...range }) as (Activity & { association_id: number })[]) {
            const target = tallies.get(source.association_id)?.[period];
            if (target) addActivity(target, source);
          }
        }
        for (const source of shiftMs.all({ room: roomId, now, ...range }) as { association_id: number; ms: number }[]) {
          const target = tallies.get(source.association_id)?.[period];
          if (target) target.ms += source.ms;
        }
      };
      const day = localDay(now, options.timeZone);
      sum('today', { from: day.start, to: day.end }, true);
      sum('campaign', ALL_TIME, roomId !== null);

      const byCode = new Map<string, { name: string; tally: Tally }>();
      for (const m of municipalities.all() as { code: string; name: string }[]) {
        byCode.set(m.code, { name: m.name, tally: { today: acc(), campaign: acc() } });
      }
      for (const row of rows) {
        const own = tallies.get(row.id)!;
        const municipality = byCode.get(row.code)!.tally;
        addAcc(municipality.today, own.today);
        addAcc(municipality.campaign, own.campaign);
      }
      return {
        roomId,
        municipalities: ranked([...byCode].map(([code, { name, tally }]) => standingRow(code, name, null, tally))),
        associations: ranked(rows.map((row) => standingRow(String(row.id), row.name, row.municipality, tallies.get(row.id)!))),
      };
    },
  };
}

export type StandingsRepo = ReturnType<typeof createStandingsRepo>;

function figures({ contacts, personsCalled, attempts, answered, conversations, ms }: Acc): StandingFigures {
  return { contacts, personsCalled, attempts, answered, conversations, volunteerHours: toHours(ms) };
}

function standingRow(key: string, name: string, municipality: string | null, tally: Tally): StandingRow {
  return { key, name, municipality, today: figures(tally.today), campaign: figures(tally.campaign) };
}

const ranked = (rows: StandingRow[]) => rankByConversations(rows, (row) => ({ name: row.name, ...row.campaign }));
