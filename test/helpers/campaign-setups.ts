import { phoneNumber } from '../factories/campaign.ts';
import { createAssociationLink, createLink, createRoom } from './admin-setup.ts';
import { connectRoom } from './board-client.ts';
import { startCampaign } from './campaign-server.ts';
import { ADMIN_TOKEN } from './server.ts';

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/**
 * The room tests' campaign: lists in Ale (5 contacts) and Botkyrka (5), stations 1–3 in room 1,
 * a second room 'Rum 2' with one station, and a leader of room 1 on the board.
 */
export async function startRooms(options: { now?: () => number } = {}) {
  const campaign = await startCampaign({
    lists: [
      { phones: range(1, 5), municipalityCode: '1440', municipalityName: 'Ale' },
      { phones: range(100, 5), municipalityCode: '0127', municipalityName: 'Botkyrka' },
    ],
    stations: 3,
    now: options.now,
  });
  const other = await createRoom(campaign.url, 'Rum 2', 1);
  const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
  return { campaign, other, leader };
}

/** Everyone the role tests send: each kind of token, a token of no one, and no token at all. */
export const ROLE_CALLERS = ['admin', 'associationA', 'associationB', 'leader1', 'leader2', 'screen', 'station', 'junk', 'none'] as const;
export type RoleCaller = (typeof ROLE_CALLERS)[number];

/**
 * The role tests' campaign: association A owns list 1 (two contacts) and B list 2 (one); room 1
 * has stations 1–2, 'Rum 2' station 3; a token for each caller (a leader of each room, room 1's
 * screen, station 1). Every 401 counts towards the failed-login limit, hence the high limit.
 */
export async function startRoles() {
  const campaign = await startCampaign({
    lists: [{ phones: range(1, 2) }, { phones: range(3, 1) }],
    stations: 2,
    env: { AUTH_FAILURES_PER_MINUTE: '10000' },
  });
  const room2 = await createRoom(campaign.url, 'Rum 2', 1);
  const [listA, listB] = campaign.lists;
  if (!listA || !listB) throw new Error('the role campaign has two lists');
  const tokens: Record<RoleCaller, string | undefined> = {
    admin: ADMIN_TOKEN,
    associationA: (await createAssociationLink(campaign.url, listA.associationId, 'A')).token,
    associationB: (await createAssociationLink(campaign.url, listB.associationId, 'B')).token,
    leader1: (await createLink(campaign.url, 'leader', { roomId: 1 })).token,
    leader2: (await createLink(campaign.url, 'leader', { roomId: room2.roomId })).token,
    screen: (await createLink(campaign.url, 'screen', { roomId: 1 })).token,
    station: campaign.stations[0]!.token,
    junk: 'not-a-token-of-anyone-0123456789',
    none: undefined,
  };
  return { campaign, room2, listA, listB, tokens };
}
