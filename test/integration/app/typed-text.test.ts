import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { zCheckinInput, zListScriptCommand, zRoomMessageCommand } from '@ringstuga/shared';
import { assignmentOf, type CampaignServer } from '../../helpers/campaign-server.ts';
import { FORBIDDEN_IN_TEXT } from '../../helpers/hostile-payloads.ts';
import { startRooms } from '../../helpers/campaign-setups.ts';
import { api } from '../../helpers/http.ts';
import { connectStation } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const REFUSED = { ok: false, error: { code: 'invalid_payload', message: expect.stringMatching(/control characters/) } };
const tainted = (control: string) => `Anna${control}[31mSvensson`;

async function expectBadRequest(response: Response): Promise<void> {
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/control characters/);
}

describe('text people type (names, labels, messages, notes, scripts)', () => {
  it.each(FORBIDDEN_IN_TEXT.map((control) => [`U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, control]))(
    'is refused at every socket schema when it holds %s, and nothing is written',
    async (_shown, control) => {
      const rooms = await startRooms();
      campaign = rooms.campaign;
      const count = (query: ReturnType<typeof sql>) => campaign!.app.store.read((q) => q.value<number>(query));
      const station = await campaign.join(0, { checkin: false });
      expect(await station.emitWithAck('station:checkin', { name: tainted(control), associationId: null })).toEqual(REFUSED);
      expect(await count(sql`SELECT count(*) FROM shifts`)).toBe(0);

      await station.emitWithAck('station:checkin', { name: 'Anna', associationId: null });
      const held = assignmentOf(await station.emitWithAck('contact:next'));
      const note = { assignmentId: held.id, outcome: 'conversation' as const, note: tainted(control) };
      expect(await station.emitWithAck('call:outcome', note)).toEqual(REFUSED);
      expect(await station.emitWithAck('call:flag', { message: tainted(control) })).toEqual(REFUSED);
      expect(await count(sql`SELECT (SELECT count(*) FROM calls) + (SELECT count(*) FROM flags)`)).toBe(0);

      const { leader } = rooms;
      expect(await leader.emitWithAck('room:message', { text: tainted(control) })).toEqual(REFUSED);
      const listId = campaign.lists[0]!.listId;
      expect(await leader.emitWithAck('list:script', { listId, script: tainted(control), instructions: null })).toEqual(REFUSED);
      expect(await leader.emitWithAck('list:script', { listId, script: 'Hej', instructions: tainted(control) })).toEqual(REFUSED);
      expect(await count(sql`SELECT count(*) FROM room_messages`)).toBe(0);
    },
  );

  it('is refused over HTTP: link labels, room, list and remote-station names', async () => {
    const rooms = await startRooms();
    campaign = rooms.campaign;
    const { url } = campaign;
    const name = tainted('\u001b');
    const listId = campaign.lists[0]!.listId;
    await expectBadRequest(await api(url, 'POST', '/api/leader-links', ADMIN_TOKEN, { roomId: 1, label: name }));
    await expectBadRequest(await api(url, 'POST', '/api/screen-links', ADMIN_TOKEN, { roomId: 1, label: tainted('\u202e') }));
    await expectBadRequest(await api(url, 'POST', `/api/associations/${campaign.lists[0]!.associationId}/access`, ADMIN_TOKEN, { label: tainted('\u0000') }));
    await expectBadRequest(await api(url, 'POST', '/api/rooms', ADMIN_TOKEN, { name: tainted('\u0085') }));
    await expectBadRequest(await api(url, 'POST', '/api/lists', ADMIN_TOKEN, { name, associationId: campaign.lists[0]!.associationId }));
    await expectBadRequest(await api(url, 'PATCH', `/api/lists/${listId}`, ADMIN_TOKEN, { name: tainted('\n') }));
    await expectBadRequest(await api(url, 'POST', '/api/rooms/1/remote-stations', ADMIN_TOKEN, { name: tainted('\u2066') }));
    // The OpenAPI document still builds with the pattern in it.
    expect((await api(url, 'GET', '/api/openapi.json')).status).toBe(200);
  });

  it('keeps every script and language people write in: letters, emoji, Arabic, and line breaks and tabs where text runs over lines', async () => {
    for (const name of ['Björn', 'سارا', 'Li Wei 😀', 'Zoë-Ann O’Brien']) expect(zCheckinInput.safeParse({ name, associationId: null }).success).toBe(true);
    expect(zCheckinInput.safeParse({ name: 'Anna\nSvensson', associationId: null }).success).toBe(false);
    expect(zRoomMessageCommand.parse({ text: ' Paus kl 19.\r\n\tFika i köket ' })).toEqual({ text: 'Paus kl 19.\n\tFika i köket' });
    expect(zListScriptCommand.safeParse({ listId: 1, script: 'Hej!\n\nJag ringer från…', instructions: null }).success).toBe(true);
  });

  it('leaves no control character in shifts.csv, whatever volunteers tried to check in with', async () => {
    const rooms = await startRooms();
    campaign = rooms.campaign;
    for (const control of FORBIDDEN_IN_TEXT) {
      const station = await connectStation(campaign.url, campaign.stations[0]!.token, { checkin: false });
      await station.emitWithAck('station:checkin', { name: tainted(control), associationId: null });
      station.close();
    }
    const csv = await (await api(campaign.url, 'GET', '/api/shifts.csv', ADMIN_TOKEN)).text();
    expect(csv).not.toContain('Anna');
    expect(csv.replaceAll('\r\n', '').replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
  });
});
