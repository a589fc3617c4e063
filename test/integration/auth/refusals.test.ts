import { PHONE_NAMESPACE, ROOM_NAMESPACE, SCREEN_NAMESPACE, STATION_NAMESPACE } from '@ringstuga/shared';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { refusalAtJoin, tryJoin, unconnectedSocket } from '../../helpers/socket-connect.ts';
import { connectStation } from '../../helpers/station-client.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

// Ordered by the first column: a table's rows in a stable order on both stores (PostgreSQL has no rowid).
// One table after another: a read's statements share one connection, which runs one at a time.
function snapshot(): Promise<unknown> {
  return campaign!.app.store.read(async (q) => {
    const tables = [];
    for (const table of ['contacts', 'assignments', 'calls', 'call_lists', 'do_not_call']) tables.push(await q.all(sql`SELECT * FROM ${sql.identifier(table)} ORDER BY 1`));
    return tables;
  });
}

describe('refusing bad tokens and malformed payloads', () => {
  it('refuses a station without a valid token at connect, with a clear message', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    await expect(connectStation(campaign.url, 'not-a-token')).rejects.toThrow('invalid station token');
    await expect(connectStation(campaign.url, '')).rejects.toThrow('invalid station token');
    await expect(connectStation(campaign.url, campaign.stations[0]!.token.slice(0, -1))).rejects.toThrow('invalid station token');
  });

  it('says why beside each refusal at the handshake, for a page to say it in its own language', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = campaign.stations[0]!.token;
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, STATION_NAMESPACE, { token: 'not-a-token' }))).toEqual({
      message: 'invalid station token',
      data: { reason: 'link_refused' },
    });
    // A station's token is no leader's or big screen's link.
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, ROOM_NAMESPACE, { token: station }))).toEqual({
      message: 'a leader token is required',
      data: { reason: 'link_refused' },
    });
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, SCREEN_NAMESPACE, { token: station }))).toEqual({
      message: 'a screen token is required',
      data: { reason: 'link_refused' },
    });
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, PHONE_NAMESPACE, { token: 'not-a-pairing' }))).toEqual({
      message: 'invalid or expired pairing',
      data: { reason: 'pairing_refused' },
    });
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, STATION_NAMESPACE, { token: station }))).toBeUndefined();
  });

  it('refuses a join it cannot check just now as join_unavailable, without the failure’s own words, and takes it once it can', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = campaign.stations[0]!.token;
    // The stations' table out of reach: every join's lookup fails, as with the database down.
    const renameStations = (from: string, to: string) => campaign!.app.store.write((q) => q.run(sql.raw(`ALTER TABLE ${from} RENAME TO ${to}`)));
    await renameStations('stations', 'stations_away');
    try {
      expect(await refusalAtJoin(unconnectedSocket(campaign.url, STATION_NAMESPACE, { token: station }))).toEqual({
        message: 'unavailable',
        data: { reason: 'join_unavailable' },
      });
    } finally {
      await renameStations('stations_away', 'stations');
    }
    expect(await refusalAtJoin(unconnectedSocket(campaign.url, STATION_NAMESPACE, { token: station }))).toBeUndefined();
  });

  it('refuses any connection to the default namespace, which has no authentication', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const refusal = await tryJoin(unconnectedSocket(campaign.url, '/', {}));
    expect(refusal).toBe('no such namespace: join /station');
  });

  it('answers malformed payloads with { ok: false, error } and changes nothing', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const before = await snapshot();
    const emit = station.emitWithAck.bind(station) as (event: string, ...args: unknown[]) => Promise<unknown>;
    const bad: unknown[] = [
      undefined,
      null,
      'conversation',
      {},
      { assignmentId: held.id },
      { assignmentId: held.id, outcome: 'hung_up' },
      { assignmentId: 'nope', outcome: 'conversation' },
      { assignmentId: held.id, outcome: 'conversation', note: 'x'.repeat(1001) },
      { assignmentId: held.id, outcome: 'conversation', extra: true },
      { assignmentId: held.id, outcome: 'call_back' },
      { assignmentId: held.id, outcome: 'call_back', callbackAt: 'tomorrow' },
      { assignmentId: held.id, outcome: 'call_back', callbackAt: '2000-01-01T00:00:00Z' },
      { assignmentId: held.id, outcome: 'call_back', callbackAt: '2999-01-01T00:00:00Z' },
      { assignmentId: held.id, outcome: 1 },
    ];
    for (const payload of bad) {
      const ack = await emit('call:outcome', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect((ack as { error: { message: string } }).error.message.length).toBeGreaterThan(3);
    }
    await expect(emit('contact:skip', { assignmentId: 42 })).resolves.toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await snapshot()).toEqual(before);
  });

  it('does not let one station report or skip another station’s assignment', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }], stations: 2 });
    const [a, b] = [await campaign.join(0), await campaign.join(1)];
    const held = assignmentOf(await a.emitWithAck('contact:next'));
    const before = await snapshot();
    await expect(b.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    await expect(b.emitWithAck('contact:skip', { assignmentId: held.id })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an outcome after a skip', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }], stations: 1 });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('contact:skip', { assignmentId: held.id });
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'assignment_closed' },
    });
  });
});
