import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { connectPhone, nextContact, pairingToken, phoneSocket } from '../../helpers/phone-client.ts';
import { tryJoin } from '../../helpers/socket-connect.ts';
import { api } from '../../helpers/http.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { column, single } from '../../helpers/store-values.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));
const HOUR = 60 * MINUTE;

async function pair(station: StationClient): Promise<{ url: string; token: string; expiresAt: string }> {
  const result = await station.emitWithAck('pair:create');
  if (!result.ok) throw new Error(`pairing refused: ${result.error.message}`);
  return { url: result.url, token: pairingToken(result.url), expiresAt: result.expiresAt };
}

/** The reason a connection was refused ('joined' if it was not). */
const refusal = (url: string, token: string, device?: string): Promise<string> => tryJoin(phoneSocket(url, token, device));

describe('a phone paired with a station', () => {
  it('refuses to pair before anyone checks in, and gives a /phone URL with the token in its fragment', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const idle = await campaign.join(0, { checkin: false });
    expect(await idle.emitWithAck('pair:create')).toMatchObject({ ok: false, error: { code: 'not_checked_in' } });

    await idle.emitWithAck('station:checkin', { name: 'Ada', associationId: null });
    const { url } = await pair(idle);
    expect(new URL(url).pathname).toBe('/phone');
    expect(new URL(url).search).toBe('');
    // Only the hash is stored.
    const stored = (await column(campaign.app.store, sql`SELECT token_hash FROM phone_pairings`)) as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toContain(pairingToken(url));
  });

  it("shows the station's current contact on connect and each new one, and an outcome on the phone moves the station on", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0);
    const { token } = await pair(station);
    const { phone, firstContact } = await connectPhone(campaign.url, token);
    expect(await firstContact).toBeNull();

    const shown = nextContact(phone, (contact) => contact !== null);
    const first = assignmentOf(await station.emitWithAck('contact:next'));
    const onPhone = await shown;
    expect(onPhone).toEqual({
      assignmentId: first.id,
      expiresAt: first.expiresAt,
      name: first.contact.name,
      phone: first.contact.phone,
      phoneDisplay: first.contact.phoneDisplay,
      preferredLanguage: null,
      list: { name: first.contact.list.name, notesEnabled: true },
      questions: [],
    });
    // The phone gets no history or notes.
    expect(Object.keys(onPhone ?? {})).not.toContain('history');

    const recorded = waitForEvent(station, 'call:recorded');
    const cleared = nextContact(phone, (contact) => contact === null);
    await expect(phone.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' })).resolves.toEqual({ ok: true });
    expect(await recorded).toEqual({ assignmentId: first.id, outcome: 'no_answer' });
    await cleared;
    // Recorded once, whichever side reports it again.
    await expect(station.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' })).resolves.toEqual({ ok: true });
    await expect(phone.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer' })).resolves.toEqual({ ok: true });
    expect(await single(campaign.app.store, sql`SELECT COUNT(*) AS n FROM calls`)).toBe(1);

    // The station's own outcome clears the phone too.
    const second = nextContact(phone, (contact) => contact !== null && contact.assignmentId !== first.id);
    const next = assignmentOf(await station.emitWithAck('contact:next'));
    expect((await second)?.assignmentId).toBe(next.id);
    const clearedAgain = nextContact(phone, (contact) => contact === null);
    await station.emitWithAck('call:outcome', { assignmentId: next.id, outcome: 'conversation' });
    await clearedAgain;
  });

  it('belongs to the first device that connects: another device is refused, the same one may reconnect', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0);
    const { token } = await pair(station);
    const mine = await connectPhone(campaign.url, token, 'device-of-ada-0001');
    await mine.firstContact;
    expect(await refusal(campaign.url, token, 'device-of-eve-0002')).toBe('invalid or expired pairing');
    expect(await refusal(campaign.url, token)).toBe('invalid or expired pairing');
    mine.phone.close();
    const again = await connectPhone(campaign.url, token, 'device-of-ada-0001');
    await again.firstContact;
    again.phone.close();
  });

  it("reaches no other station's calls", async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 4) }], stations: 2 });
    const mine = await campaign.join(0);
    const other = await campaign.join(1);
    const { token } = await pair(mine);
    const { phone, firstContact } = await connectPhone(campaign.url, token);
    await firstContact;
    const theirs = assignmentOf(await other.emitWithAck('contact:next'));
    await expect(phone.emitWithAck('call:outcome', { assignmentId: theirs.id, outcome: 'declined' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    // Station events are not phone events.
    const unknown = await (phone as unknown as StationClient).emitWithAck('contact:next');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('is refused and disconnected once revoked, replaced, checked out or expired', async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1, now: clock.now });
    const station = await campaign.join(0);

    // Revoked from the station.
    const revoked = await pair(station);
    const first = await connectPhone(campaign.url, revoked.token);
    // Its first push has arrived (it is paired in full) before it is dropped: no push left hanging.
    await first.firstContact;
    const dropped = waitForEvent(first.phone, 'disconnect');
    const state = waitForEvent(station, 'pair:state', { accept: (pairing) => !pairing.paired });
    await expect(station.emitWithAck('pair:revoke')).resolves.toEqual({ ok: true });
    expect(await dropped).toBe('io server disconnect');
    await state;
    expect(await refusal(campaign.url, revoked.token)).toBe('invalid or expired pairing');

    // Replaced by a new pairing.
    const old = await pair(station);
    const oldPhone = await connectPhone(campaign.url, old.token);
    await oldPhone.firstContact;
    const oldDropped = waitForEvent(oldPhone.phone, 'disconnect');
    const fresh = await pair(station);
    expect(await oldDropped).toBe('io server disconnect');
    expect(await refusal(campaign.url, old.token)).toBe('invalid or expired pairing');

    // Ended by check-out.
    const freshPhone = await connectPhone(campaign.url, fresh.token);
    await freshPhone.firstContact;
    const freshDropped = waitForEvent(freshPhone.phone, 'disconnect');
    await station.emitWithAck('station:checkout');
    expect(await freshDropped).toBe('io server disconnect');
    expect(await refusal(campaign.url, fresh.token)).toBe('invalid or expired pairing');

    // Expired.
    await station.emitWithAck('station:checkin', { name: 'Bo', associationId: null });
    const later = await pair(station);
    clock.advance(5 * HOUR);
    expect(await refusal(campaign.url, later.token)).toBe('invalid or expired pairing');
    expect(await refusal(campaign.url, 'not-a-pairing')).toBe('invalid or expired pairing');
  });

  it("ends with the volunteer's idle check-out and with a rotated station link", async () => {
    const clock = manualClock();
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1, now: clock.now });
    const station = await campaign.join(0);
    const idle = await pair(station);
    const idlePhone = await connectPhone(campaign.url, idle.token);
    await idlePhone.firstContact;
    const dropped = waitForEvent(idlePhone.phone, 'disconnect');
    clock.advance(3 * HOUR);
    await campaign.app.sweepIdleShifts();
    expect(await dropped).toBe('io server disconnect');

    await station.emitWithAck('station:checkin', { name: 'Bo', associationId: null });
    const rotated = await pair(station);
    const rotatedPhone = await connectPhone(campaign.url, rotated.token);
    await rotatedPhone.firstContact;
    const rotatedDropped = waitForEvent(rotatedPhone.phone, 'disconnect');
    const response = await api(campaign.url, 'POST', `/api/stations/${campaign.stations[0]!.number}/token`, ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(await rotatedDropped).toBe('io server disconnect');
  });

  it('builds the phone link from the address the station used, from the proxy only under TRUST_PROXY, and from PUBLIC_URL when set', async () => {
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ring.example.org' };
    const linkFrom = async (env: Record<string, string>) => {
      campaign = await startCampaign({ lists: [{ phones: range(1, 1) }], stations: 1, env });
      const station = await connectStation(campaign.url, campaign.stations[0]!.token, { extraHeaders: proxied });
      const { url } = await pair(station);
      station.close();
      await campaign.close();
      campaign = undefined;
      return new URL(url).origin;
    };
    // Without TRUST_PROXY the forwarded headers are anyone's to forge: the link keeps the real address.
    expect(await linkFrom({})).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await linkFrom({ TRUST_PROXY: 'true' })).toBe('https://ring.example.org');
    expect(await linkFrom({ PUBLIC_URL: 'https://ringstuga.example.net' })).toBe('https://ringstuga.example.net');
  });

  it('tells the station whether a phone is connected', async () => {
    campaign = await startCampaign({ lists: [{ phones: range(1, 3) }], stations: 1 });
    const station = await campaign.join(0);
    const connectedState = waitForEvent(station, 'pair:state', { accept: (state) => state.phoneConnected });
    const { token } = await pair(station);
    const { phone, firstContact } = await connectPhone(campaign.url, token);
    await firstContact;
    expect(await connectedState).toMatchObject({ paired: true, phoneConnected: true });
    const goneState = waitForEvent(station, 'pair:state', { accept: (state) => state.paired && !state.phoneConnected });
    phone.close();
    await goneState;
  });
});
