import { DateTime } from 'luxon';
import type { Mobilisation } from '@ringstuga/shared';
import { toHours } from '../figures/campaign-figures.ts';
import type { MobilisationRepo, PlanningScope } from './mobilisation.repo.ts';
import { underFilled, type WarningRule } from './warning.ts';

/** noShows of the sessions that ended with a verdict, rounded to 0.01; null before any did. */
function noShowRate(attended: number, noShows: number): number | null {
  const decided = attended + noShows;
  return decided === 0 ? null : Math.round((noShows / decided) * 100) / 100;
}

/**
 * The planning view: each session with its places, teams and early warning, and each association
 * that booked in it or has a pledge open in it. Hours and attempts are those of the shifts of the
 * people who came, shown once the session has ended.
 */
export function planningView(repo: MobilisationRepo, scope: PlanningScope, context: { now: number; timeZone: string; warning: WarningRule }): Mobilisation {
  const { now } = context;
  // Node 20 has no Map.groupBy.
  const teamsOf = new Map<number, Mobilisation['sessions'][number]['teams']>();
  for (const { sessionId, ...team } of repo.teams(scope)) teamsOf.set(sessionId, [...(teamsOf.get(sessionId) ?? []), team]);
  const sessions = repo.sessions(scope).map(({ shiftMs, attempts, ...session }) => {
    const ended = session.endsAt <= now;
    return {
      ...session,
      startsAt: new Date(session.startsAt).toISOString(),
      endsAt: new Date(session.endsAt).toISOString(),
      teams: teamsOf.get(session.id) ?? [],
      warning: underFilled(session, now, context.warning),
      hours: ended ? toHours(shiftMs) : 0,
      attempts: ended ? attempts : 0,
    };
  });

  const fromDate = DateTime.fromMillis(scope.from, { zone: context.timeZone }).toISODate()!;
  const byId = new Map<number, Mobilisation['associations'][number]>();
  for (const row of repo.bookingsByAssociation(scope)) byId.set(row.id, { ...row, noShowRate: noShowRate(row.attended, row.noShows), pledged: 0 });
  for (const row of repo.pledgedByAssociation(fromDate, scope.to)) {
    const known = byId.get(row.id);
    if (known) known.pledged = row.pledged;
    else byId.set(row.id, { id: row.id, name: row.name, booked: 0, attended: 0, noShows: 0, noShowRate: null, pledged: row.pledged });
  }
  const associations = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  return { from: new Date(scope.from).toISOString(), to: new Date(scope.to).toISOString(), sessions, associations };
}
