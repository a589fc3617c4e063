import { DateTime } from 'luxon';
import type { Mobilisation } from '@ringstuga/shared';
import { toHours } from '../figures/campaign-figures.ts';
import type { Tx } from '../../db/store/store.ts';
import type { MobilisationRepo, PlanningScope } from './mobilisation.repo.ts';
import { underFilled, type WarningRule } from './warning.ts';

/** noShows of the sessions that ended with a verdict, rounded to 0.01; null before any did. */
function noShowRate(attended: number, noShows: number): number | null {
  const decided = attended + noShows;
  return decided === 0 ? null : Math.round((noShows / decided) * 100) / 100;
}

/**
 * Each session's hours and attempts from the shifts of those who came. A volunteer who stays on
 * into their next session is checked in with the same shift: it counts once, for the first session
 * shown that it checked in.
 */
async function workOfThoseWhoCame(q: Tx, repo: MobilisationRepo, scope: PlanningScope): Promise<Map<number, { ms: number; attempts: number }>> {
  const counted = new Set<number>();
  const work = new Map<number, { ms: number; attempts: number }>();
  for (const shift of await repo.shiftsOfThoseWhoCame(q, scope)) {
    if (counted.has(shift.shiftId)) continue;
    counted.add(shift.shiftId);
    const sum = work.get(shift.sessionId) ?? { ms: 0, attempts: 0 };
    work.set(shift.sessionId, { ms: sum.ms + shift.ms, attempts: sum.attempts + shift.attempts });
  }
  return work;
}

/**
 * The planning view: each session with its places, teams and early warning, and each association
 * that booked in it or has a pledge open in it. Hours and attempts are those of the shifts of the
 * people who came, shown once the session has ended.
 */
export async function planningView(
  q: Tx,
  repo: MobilisationRepo,
  scope: PlanningScope,
  context: { now: number; timeZone: string; warning: WarningRule },
): Promise<Mobilisation> {
  const { now } = context;
  // Node 20 has no Map.groupBy.
  const teamsOf = new Map<number, Mobilisation['sessions'][number]['teams']>();
  for (const { sessionId, ...team } of await repo.teams(q, scope)) teamsOf.set(sessionId, [...(teamsOf.get(sessionId) ?? []), team]);
  const work = await workOfThoseWhoCame(q, repo, scope);
  const sessions = (await repo.sessions(q, scope)).map((session) => {
    const done = session.endsAt <= now ? work.get(session.id) : undefined;
    return {
      ...session,
      startsAt: new Date(session.startsAt).toISOString(),
      endsAt: new Date(session.endsAt).toISOString(),
      teams: teamsOf.get(session.id) ?? [],
      warning: underFilled(session, now, context.warning),
      hours: done ? toHours(done.ms) : 0,
      attempts: done?.attempts ?? 0,
    };
  });

  const fromDate = DateTime.fromMillis(scope.from, { zone: context.timeZone }).toISODate()!;
  const byId = new Map<number, Mobilisation['associations'][number]>();
  for (const row of await repo.bookingsByAssociation(q, scope)) byId.set(row.id, { ...row, noShowRate: noShowRate(row.attended, row.noShows), pledged: 0 });
  for (const row of await repo.pledgedByAssociation(q, fromDate, scope.to)) {
    const known = byId.get(row.id);
    if (known) known.pledged = row.pledged;
    else byId.set(row.id, { id: row.id, name: row.name, booked: 0, attended: 0, noShows: 0, noShowRate: null, pledged: row.pledged });
  }
  const associations = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return { timeZone: context.timeZone, from: new Date(scope.from).toISOString(), to: new Date(scope.to).toISOString(), sessions, associations };
}
