import type { ContactNextResult, Leaderboard, Standings } from '@ringstuga/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// Every competition the product shows is ranked by one rule: conversations, then attempts, then
// the name in Swedish order (Å, Ä, Ö after Z; SQLite's byte order puts Ä before Å).

let campaign: CampaignServer;
beforeAll(async () => {
  const places = [['2039', 'Älvdalen'], ['1880', 'Örebro'], ['1440', 'Ale'], ['2321', 'Åre']] as const;
  campaign = await startCampaign({
    lists: places.map(([municipalityCode, municipalityName], i) => ({ phones: [phoneNumber(i + 1)], municipalityCode, municipalityName })),
    stations: 1,
  });
});
afterAll(async () => campaign.close());

const get = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${campaign.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as T;
const leaderboardNames = async () => (await get<Leaderboard>('/api/leaderboard')).municipalities.map((row) => row.name);
const standingsNames = async () => (await get<Standings>('/api/standings')).municipalities.map((row) => row.name);

describe('the order of the standings', () => {
  it('ranks ties by name in Swedish order, the same on the stations\' leaderboard and the standings', async () => {
    expect(await leaderboardNames()).toEqual(['Ale', 'Åre', 'Älvdalen', 'Örebro']);
    expect(await standingsNames()).toEqual(['Ale', 'Åre', 'Älvdalen', 'Örebro']);
  });

  it('puts conversations first, whatever the name', async () => {
    const station = await campaign.join(0, { checkin: { name: 'Eva', associationId: null } });
    // One conversation for whichever list comes first, then that municipality leads.
    const next = (await station.emitWithAck('contact:next')) as ContactNextResult & { ok: true };
    await station.emitWithAck('call:outcome', { assignmentId: next.assignment!.id, outcome: 'conversation' });
    const leader = next.assignment!.contact.municipality.name;
    expect((await leaderboardNames())[0]).toBe(leader);
    expect((await standingsNames())[0]).toBe(leader);
  });
});
