import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTCOMES, type Leaderboard, type Totals } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { recountByMunicipality } from '../../helpers/recount.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));
const callRows = () => campaign!.app.store.read((q) => q.value<number>(sql`SELECT COUNT(*) FROM calls`));

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${campaign!.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('recording outcomes', () => {
  it('records an outcome reported twice once, answers the repeat with success, and refuses a contradicting one', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 2) }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const report = { assignmentId: held.id, outcome: 'conversation' as const };
    const acks = await Promise.all([station.emitWithAck('call:outcome', report), station.emitWithAck('call:outcome', report)]);
    expect(acks).toEqual([{ ok: true }, { ok: true }]);
    // A different outcome for the same call contradicts the saved one: refused, and nothing changes.
    await expect(station.emitWithAck('call:outcome', { ...report, outcome: 'busy' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'assignment_closed', message: 'This call was already recorded as conversation' },
    });
    expect(await callRows()).toBe(1);
    expect(await campaign.app.store.read((q) => campaign!.app.leaderboard.totals(q))).toMatchObject({ attempts: 1, conversations: 1, personsCalled: 1 });
  });

  it('keeps leaderboard and stats equal to a recount from the call rows after a busy session', async () => {
    campaign = await startCampaign({
      lists: [
        { phones: range(1, 60), municipalityCode: '0180', municipalityName: 'Stockholm' },
        { phones: [...range(1, 10), ...range(100, 50)], municipalityCode: '0182', municipalityName: 'Nacka' },
        { phones: range(200, 40), municipalityCode: '0182', municipalityName: 'Nacka' },
      ],
      stations: 6,
    });
    const stations = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => campaign!.join(i)));
    let pick = 7;
    await Promise.all(
      stations.map(async (station) => {
        for (let i = 0; i < 25; i += 1) {
          const next = await station.emitWithAck('contact:next');
          if (!next.ok || !next.assignment) return;
          pick = (pick * 31 + 11) % 97;
          const outcome = OUTCOMES[pick % OUTCOMES.length]!;
          const callbackAt = new Date(Date.now() + 3_600_000).toISOString();
          if (pick % 10 === 0) await station.emitWithAck('contact:skip', { assignmentId: next.assignment.id });
          else await station.emitWithAck('call:outcome', { assignmentId: next.assignment.id, outcome, callbackAt });
        }
      }),
    );

    const recount = (await recountByMunicipality(campaign.app.store));
    const board = await getJson<Leaderboard>('/api/leaderboard');
    const figures = [...board.municipalities]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(({ name: _name, ...rest }) => rest);
    expect(figures).toEqual(recount);
    expect(recount.reduce((sum, m) => sum + m.attempts, 0)).toBeGreaterThan(100);

    const stats = await getJson<Totals>('/api/stats');
    const total = (key: keyof Totals) => recount.reduce((sum, m) => sum + m[key], 0);
    expect(stats).toEqual({
      contacts: total('contacts'),
      personsCalled: total('personsCalled'),
      attempts: total('attempts'),
      answered: total('answered'),
      conversations: total('conversations'),
    });
  });
});

