import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  namespaces,
  type CommandInput,
  type CommandRegistry,
  type PushRegistry,
  type phoneCommands,
  type roomCommands,
  type stationCommands,
} from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { connectPhone, pairingToken } from '../../helpers/phone-client.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, connectScreen } from '../../helpers/board-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

/** One valid input per command; the compiler asks for one more whenever a command is added. */
type Samples<R extends CommandRegistry> = { [E in keyof R]: CommandInput<R[E]> };
const ASSIGNMENT = '00000000-0000-4000-8000-000000000000';
const stationSamples: Samples<typeof stationCommands> = {
  'contact:next': [],
  'call:outcome': [{ assignmentId: ASSIGNMENT, outcome: 'no_answer' }],
  'contact:skip': [{ assignmentId: ASSIGNMENT }],
  'station:checkin': [{ name: 'Ada', associationId: null }],
  'call:flag': [{ assignmentId: ASSIGNMENT, message: 'Titta här' }],
  'pair:create': [],
  'pair:revoke': [],
  'station:checkout': [],
};
const roomSamples: Samples<typeof roomCommands> = {
  'station:scope': [{ stationId: 1, listId: null }],
  'list:pause': [{ listId: 1 }],
  'list:resume': [{ listId: 1 }],
  'list:script': [{ listId: 1, script: 'Hej!', instructions: null }],
  'list:release-speakers': [{ listId: 1 }],
  'room:message': [{ text: 'Fika kl 15' }],
  'flag:handle': [{ flagId: 999 }],
  'room:campaign': [{ campaignId: 999 }],
  'screen:question': [{ question: null }],
};
const phoneSamples: Samples<typeof phoneCommands> = {
  'call:outcome': [{ assignmentId: ASSIGNMENT, outcome: 'no_answer' }],
};

/** Every push a socket hears, checked against its namespace's push registry. */
function recordPushes(socket: Socket, pushes: PushRegistry): string[] {
  const problems: string[] = [];
  socket.onAny((event: string, ...args: unknown[]) => {
    const schema = pushes[event];
    if (!schema) return void problems.push(`${event}: not in the registry`);
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) problems.push(`${event}: ${parsed.error.message}`);
  });
  return problems;
}

/**
 * Sends every command of `registry` over the real socket, in order: with its sample input, and
 * with a malformed one; every answer must parse with the command's ack schema and come from its
 * own handler (a command without one would be refused as unknown). An unknown name is refused.
 */
async function exercise<R extends CommandRegistry>(socket: Socket, registry: R, samples: Samples<R>): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const event of Object.keys(registry)) {
    const { ack } = registry[event]!;
    const answer: unknown = await socket.timeout(10_000).emitWithAck(event, ...samples[event]!);
    expect(ack.safeParse(answer).success, `${event} answered ${JSON.stringify(answer)}`).toBe(true);
    expect(JSON.stringify(answer)).not.toContain('Unknown event');
    answers[event] = answer;
    const malformed: unknown = await socket.timeout(10_000).emitWithAck(event, { unexpected: ['field'] });
    expect(ack.safeParse(malformed).success, `${event} answered ${JSON.stringify(malformed)}`).toBe(true);
    expect(JSON.stringify(malformed)).not.toContain('Unknown event');
  }
  const unknown: unknown = await socket.timeout(10_000).emitWithAck('contact:nest');
  expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: 'Unknown event: contact:nest' } });
  return answers;
}

describe('the event registry, over real sockets', () => {
  it('answers every command of every namespace from its own handler, within its acknowledgement schema, and pushes only registered payloads', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 2 });
    const station = await campaign.join(0);
    const stationProblems = recordPushes(station, namespaces.station.pushes);
    const leader = await connectRoom(campaign.url, (await createLink(campaign.url, 'leader', { roomId: 1 })).token);
    const leaderProblems = recordPushes(leader, namespaces.room.pushes);
    const screen = await connectScreen(campaign.url, (await createLink(campaign.url, 'screen', { roomId: 1 })).token);
    const screenProblems = recordPushes(screen, namespaces.screen.pushes);

    // A paired phone first (pair:create and checkout in the station's round end its pairing).
    const other = await campaign.join(1);
    const paired = await other.emitWithAck('pair:create');
    if (!paired.ok) throw new Error(paired.error.message);
    const { phone } = await connectPhone(campaign.url, pairingToken(paired.url));
    const phoneProblems = recordPushes(phone, namespaces.phone.pushes);
    expect(await exercise(phone, namespaces.phone.commands, phoneSamples)).toMatchObject({ 'call:outcome': { ok: false } });

    const stationAnswers = await exercise(station, namespaces.station.commands, stationSamples);
    expect(stationAnswers).toMatchObject({ 'contact:next': { ok: true }, 'station:checkin': { ok: true }, 'station:checkout': { ok: true } });
    const roomAnswers = await exercise(leader, namespaces.room.commands, roomSamples);
    expect(roomAnswers).toMatchObject({ 'room:message': { ok: true }, 'list:pause': { ok: true }, 'flag:handle': { ok: false } });
    await exercise(screen, namespaces.screen.commands, {});

    // Give the throttled pushes (room board, leaderboard, shift figures) time to arrive and be checked.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect({ stationProblems, leaderProblems, screenProblems, phoneProblems }).toEqual({
      stationProblems: [],
      leaderProblems: [],
      screenProblems: [],
      phoneProblems: [],
    });
    phone.close();
    leader.close();
    screen.close();
  });
});
