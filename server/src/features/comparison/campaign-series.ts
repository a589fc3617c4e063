import { DateTime } from 'luxon';
import type { ComparedCampaign, ComparisonDay, ComparisonRowFigures, CompareAxis } from '@ringstuga/shared';
import { toHours, volunteerKey } from '../figures/campaign-figures.ts';
import type { HourRow, ShiftRow } from './comparison.repo.ts';

// One campaign's figures on the comparison's axis, from the rows the repo reads. Pure: the tests
// check it against recounts from the calls, through the route.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `origin` to `date` (both local YYYY-MM-DD): negative before it. */
export function daysBetween(origin: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${origin}T00:00:00Z`)) / DAY_MS);
}

interface DayTally {
  attempts: number;
  answered: number;
  conversations: number;
  volunteers: Set<string>;
  shifts: number;
  ms: number;
}

const emptyDay = (): DayTally => ({ attempts: 0, answered: 0, conversations: 0, volunteers: new Set(), shifts: 0, ms: 0 });

/** Per attempt, to three decimals; null without attempts. */
const perAttempt = (count: number, attempts: number) => (attempts === 0 ? null : Math.round((count / attempts) * 1000) / 1000);

function rowFigures(sums: { attempts: number; answered: number; conversations: number }): ComparisonRowFigures {
  const { attempts, answered, conversations } = sums;
  return { attempts, answered, conversations, answeredPerAttempt: perAttempt(answered, attempts), conversationsPerAttempt: perAttempt(conversations, attempts) };
}

function addSums(target: { attempts: number; answered: number; conversations: number }, row: HourRow): void {
  target.attempts += row.attempts;
  target.answered += row.answered;
  target.conversations += row.conversations;
}

/**
 * The days: an outcome counts on the local day of its clock hour; a shift (its volunteer, itself
 * and all its hours) on the local day it started, since calling evenings end before midnight.
 * `origin` is day 0: election day or the first day. Every day between the first and the last
 * with activity is listed, zeros included, so the lines never skip a day.
 */
function seriesOf(hours: HourRow[], shiftRows: ShiftRow[], origin: string, timeZone: string): ComparisonDay[] {
  const byDate = new Map<string, DayTally>();
  const tallyOn = (ms: number) => {
    const date = DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
    let tally = byDate.get(date);
    if (!tally) byDate.set(date, (tally = emptyDay()));
    return tally;
  };
  for (const row of hours) addSums(tallyOn(row.hourStart), row);
  for (const shift of shiftRows) {
    const tally = tallyOn(shift.startedAt);
    tally.volunteers.add(volunteerKey(shift));
    tally.shifts += 1;
    tally.ms += shift.ms;
  }
  const dates = [...byDate.keys()].sort();
  if (dates.length === 0) return [];
  const first = DateTime.fromISO(dates[0]!, { zone: 'UTC' });
  const span = daysBetween(dates[0]!, dates.at(-1)!);
  const seen = new Set<string>();
  const days: ComparisonDay[] = [];
  for (let offset = 0; offset <= span; offset += 1) {
    const date = first.plus({ days: offset }).toISODate()!;
    const tally = byDate.get(date) ?? emptyDay();
    tally.volunteers.forEach((key) => seen.add(key));
    days.push({
      day: daysBetween(origin, date),
      attempts: tally.attempts,
      answered: tally.answered,
      conversations: tally.conversations,
      volunteers: tally.volunteers.size,
      shifts: tally.shifts,
      hours: toHours(tally.ms),
      volunteersSoFar: seen.size,
    });
  }
  return days;
}

/** The table's rows: per association and per municipality, sorted by name as Swedish sorts. */
function tableOf(hours: HourRow[]): Pick<ComparedCampaign, 'associations' | 'municipalities'> {
  const byAssociation = new Map<number, { id: number; name: string; municipalityCode: string; attempts: number; answered: number; conversations: number }>();
  const byMunicipality = new Map<string, { code: string; name: string; attempts: number; answered: number; conversations: number }>();
  for (const row of hours) {
    let a = byAssociation.get(row.associationId);
    if (!a) byAssociation.set(row.associationId, (a = { id: row.associationId, name: row.associationName, municipalityCode: row.municipalityCode, attempts: 0, answered: 0, conversations: 0 }));
    addSums(a, row);
    let m = byMunicipality.get(row.municipalityCode);
    if (!m) byMunicipality.set(row.municipalityCode, (m = { code: row.municipalityCode, name: row.municipalityName, attempts: 0, answered: 0, conversations: 0 }));
    addSums(m, row);
  }
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, 'sv');
  return {
    associations: [...byAssociation.values()].sort(byName).map(({ id, name, municipalityCode, ...sums }) => ({ id, name, municipalityCode, ...rowFigures(sums) })),
    municipalities: [...byMunicipality.values()].sort(byName).map(({ code, name, ...sums }) => ({ code, name, ...rowFigures(sums) })),
  };
}

export interface CampaignInfo {
  id: number;
  name: string;
  status: ComparedCampaign['status'];
  startsOn: string;
  electionDay: string | null;
  synthetic: boolean;
}

/** `axis` election needs an election day: the caller refuses campaigns without one first. */
export function compareCampaign(
  campaign: CampaignInfo,
  rows: { hours: HourRow[]; shifts: ShiftRow[] },
  options: { axis: CompareAxis; timeZone: string },
): ComparedCampaign {
  const origin = options.axis === 'election' ? campaign.electionDay : campaign.startsOn;
  if (origin === null) throw new Error(`campaign ${campaign.id} has no election day`);
  return { ...campaign, days: seriesOf(rows.hours, rows.shifts, origin, options.timeZone), ...tableOf(rows.hours) };
}
