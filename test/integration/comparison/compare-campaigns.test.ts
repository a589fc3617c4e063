import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { OUTCOME_RULES, zComparison, type Comparison, type Outcome } from '@ringstuga/shared';
import { createAssociationLink, createLink } from '../../helpers/admin-setup.ts';
import type { CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { twoCampaigns, ZONE } from '../../helpers/two-campaigns.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

async function started() {
  const made = await twoCampaigns();
  campaign = made.campaign;
  return made;
}

interface Recount {
  attempts: number;
  answered: number;
  conversations: number;
}

/** Attempts, answers and conversations per local date straight from the call rows, by the vocabulary's rules. */
async function recountCalls(server: CampaignServer, campaignId: number, associationId?: number): Promise<Map<string, Recount>> {
  const association = associationId === undefined ? sql`` : sql` AND l.association_id = ${associationId}`;
  const rows = await server.app.store.read((q) =>
    q.all<{ outcome: Outcome; endedAt: number }>(
      sql`SELECT k.outcome, k.ended_at AS "endedAt" FROM calls k JOIN call_lists l ON l.id = k.list_id WHERE l.campaign_id = ${campaignId}${association}`,
    ),
  );
  const byDate = new Map<string, Recount>();
  for (const row of rows) {
    const date = DateTime.fromMillis(row.endedAt, { zone: ZONE }).toISODate()!;
    const tally = byDate.get(date) ?? { attempts: 0, answered: 0, conversations: 0 };
    tally.attempts += 1;
    tally.answered += OUTCOME_RULES[row.outcome].reached ? 1 : 0;
    tally.conversations += OUTCOME_RULES[row.outcome].conversation ? 1 : 0;
    byDate.set(date, tally);
  }
  return byDate;
}

const compare = async (url: string, query: string, token = ADMIN_TOKEN): Promise<Comparison> =>
  bodyOf(await api(url, 'GET', `/api/campaigns/compare?${query}`, token), 200, zComparison);

const dayOf = (origin: string, date: string) => DateTime.fromISO(date).diff(DateTime.fromISO(origin), 'days').days;

describe('comparing campaigns', () => {
  it('gives each campaign its days on the election axis, equal to a recount from the calls, days without calls as zeros', async () => {
    const { campaign: server } = await started();
    const { campaigns: [first, second] } = await compare(server.url, 'ids=1,2&axis=election');
    expect([first!.name, second!.name]).toEqual(['Valet 2026', 'Extraval']);

    for (const [compared, origin] of [[first!, '2026-09-13'], [second!, '2026-09-20']] as const) {
      const recount = await recountCalls(server, compared.id);
      const dates = [...recount.keys()].sort();
      const days = compared.days.map((d) => d.day);
      // From the first day with calls to the last, none skipped.
      expect(days).toEqual(Array.from({ length: days.length }, (_, i) => dayOf(origin, dates[0]!) + i));
      expect(days.at(-1)).toBe(dayOf(origin, dates.at(-1)!));
      for (const day of compared.days) {
        const date = DateTime.fromISO(origin).plus({ days: day.day }).toISODate()!;
        expect({ attempts: day.attempts, answered: day.answered, conversations: day.conversations }).toEqual(
          recount.get(date) ?? { attempts: 0, answered: 0, conversations: 0 },
        );
      }
    }
    expect(first!.days.map((d) => d.day)).toEqual([-12, -11]);
    expect(second!.days.map((d) => d.day)).toEqual([-16, -15, -14]);
    expect(second!.days[1]).toEqual({ day: -15, attempts: 0, answered: 0, conversations: 0, volunteers: 0, shifts: 0, hours: 0, volunteersSoFar: 1 });
  });

  it('counts volunteers once however their name is typed, shifts, and hours up to each shift’s last outcome', async () => {
    const { campaign: server } = await started();
    const { campaigns: [first, second] } = await compare(server.url, 'ids=1,2&axis=start');
    // Day 0 is the first day: 1 September for campaign 1, 3 September for campaign 2.
    expect(first!.days.map(({ day, volunteers, volunteersSoFar, shifts: count, hours }) => ({ day, volunteers, volunteersSoFar, shifts: count, hours }))).toEqual([
      { day: 0, volunteers: 1, volunteersSoFar: 1, shifts: 1, hours: 0.6 },
      // Åsa (as "åsa ") and Cilla; Åsa's second shift ends at her last outcome, 48 minutes in.
      { day: 1, volunteers: 2, volunteersSoFar: 2, shifts: 2, hours: 0.8 + 0.8 },
    ]);
    expect(second!.days.map(({ day, volunteers, volunteersSoFar, shifts: count }) => ({ day, volunteers, volunteersSoFar, shifts: count }))).toEqual([
      { day: 1, volunteers: 1, volunteersSoFar: 1, shifts: 1 },
      { day: 2, volunteers: 0, volunteersSoFar: 1, shifts: 0 },
      { day: 3, volunteers: 1, volunteersSoFar: 1, shifts: 1 },
    ]);
  });

  it('sums the table per association and municipality with rates per attempt, equal to the recount', async () => {
    const { campaign: server, a, b } = await started();
    const { campaigns: [first] } = await compare(server.url, 'ids=1&axis=start');
    const total = async (associationId: number) => [...(await recountCalls(server, 1, associationId)).values()].reduce((sum, day) => ({
      attempts: sum.attempts + day.attempts, answered: sum.answered + day.answered, conversations: sum.conversations + day.conversations,
    }));
    const rated = (r: Recount) => ({ ...r, answeredPerAttempt: Math.round((r.answered / r.attempts) * 1000) / 1000, conversationsPerAttempt: Math.round((r.conversations / r.attempts) * 1000) / 1000 });
    const byId = new Map(first!.associations.map(({ name: _name, ...row }) => [row.id, row]));
    expect(byId).toEqual(new Map([
      [a.associationId, { id: a.associationId, municipalityCode: '1440', ...rated(await total(a.associationId)) }],
      [b.associationId, { id: b.associationId, municipalityCode: '0127', ...rated(await total(b.associationId)) }],
    ]));
    const names = first!.associations.map((row) => row.name);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, 'sv')));
    expect(first!.municipalities).toEqual([
      { code: '1440', name: 'Ale', ...rated(await total(a.associationId)) },
      { code: '0127', name: 'Botkyrka', ...rated(await total(b.associationId)) },
    ]);
    expect(first!.municipalities[0]).toMatchObject({ attempts: 5, answered: 3, conversations: 2, answeredPerAttempt: 0.6, conversationsPerAttempt: 0.4 });
  });

  it('reads the same after the personal data is purged: the figures come from what archiving keeps', async () => {
    const { campaign: server } = await started();
    const before = await compare(server.url, 'ids=1,2&axis=election');
    const purged = await api(server.url, 'POST', '/api/purge', ADMIN_TOKEN, { confirm: 'RADERA ALLA PERSONUPPGIFTER' });
    expect(purged.status).toBe(200);
    expect((await recountCalls(server, 1)).size).toBe(0);
    expect(await compare(server.url, 'ids=1,2&axis=election')).toEqual(before);
  });

  it('shows an association only its own lists and volunteers, and a leader everything', async () => {
    const { campaign: server, b } = await started();
    const own = await createAssociationLink(server.url, b.associationId, 'B');
    const { campaigns: [first, second] } = await compare(server.url, 'ids=1,2&axis=start', own.token);
    expect(first!.associations.map((row) => row.id)).toEqual([b.associationId]);
    expect(first!.municipalities.map((row) => row.code)).toEqual(['0127']);
    const recount = await recountCalls(server, 1, b.associationId);
    expect(first!.days).toEqual([{ day: 1, ...recount.get('2026-09-02'), volunteers: 1, volunteersSoFar: 1, shifts: 1, hours: 0.8 }]);
    expect(second!.days).toEqual([]);

    const leader = await createLink(server.url, 'leader', { roomId: 1 });
    expect(await compare(server.url, 'ids=1,2&axis=start', leader.token)).toEqual(await compare(server.url, 'ids=1,2&axis=start'));
  });

  it('refuses malformed ids (400), unknown ids (404), the election axis for a campaign without an election day (400), and callers without the role', async () => {
    const { campaign: server } = await started();
    const status = async (query: string, token: string | null = ADMIN_TOKEN) => (await api(server.url, 'GET', `/api/campaigns/compare?${query}`, token ?? undefined)).status;
    for (const bad of ['ids=&axis=start', 'ids=1,,2&axis=start', 'ids=a&axis=start', 'ids=0&axis=start', 'ids=1,1&axis=start', 'ids=1&axis=day', 'ids=1', 'axis=start', 'ids=1,2,3,4,5,6,7,8,9,10,11&axis=start']) {
      expect(await status(bad), bad).toBe(400);
    }
    expect(await status('ids=1,99&axis=start')).toBe(404);
    const undated = await api(server.url, 'GET', '/api/campaigns/compare?ids=1,3&axis=election', ADMIN_TOKEN);
    expect(undated.status).toBe(400);
    expect((await undated.json()) as unknown).toMatchObject({ error: { message: expect.stringContaining('campaign 3') } });
    expect(await status('ids=1,3&axis=start')).toBe(200);
    expect(await status('ids=1&axis=start', null)).toBe(401);
    const screen = await createLink(server.url, 'screen', { roomId: 1 });
    expect(await status('ids=1&axis=start', screen.token)).toBe(403);
    expect(await status('ids=1&axis=start', server.stations[0]!.token)).toBe(401);
  });

  it('lists the campaigns to choose from, newest first, none marked synthetic outside the demo', async () => {
    const { campaign: server } = await started();
    const listed = await (await api(server.url, 'GET', '/api/campaigns/comparable', ADMIN_TOKEN)).json();
    expect(listed).toEqual({
      campaigns: [
        { id: 2, name: 'Extraval', status: 'active', startsOn: '2026-09-03', electionDay: '2026-09-20', synthetic: false },
        { id: 1, name: 'Valet 2026', status: 'active', startsOn: '2026-09-01', electionDay: '2026-09-13', synthetic: false },
        { id: 3, name: 'Medlemssamtal', status: 'active', startsOn: '2026-01-01', electionDay: null, synthetic: false },
      ],
    });
  });
});
