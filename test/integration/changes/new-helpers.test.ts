import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zNewHelpers, type NewHelper } from '@ringstuga/shared';
import { formatPhoneForDisplay } from '@ringstuga/shared/phone';
import { phoneNumber } from '../../factories/campaign.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { api, bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { execute, rows } from '../../helpers/store-values.ts';
import { askWantsToHelp, conversationWantingToHelp } from '../../helpers/wants-to-help.ts';

// Two associations, each with a list and people who said yes to "Vill du hjälpa till?" in real
// conversations at a station.
const clock = manualClock(Date.UTC(2026, 8, 1, 10));
let campaign: CampaignServer;
let associationA: number;
let associationB: number;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [phoneNumber(3)] }], stations: 1, now: clock.now });
  const [a, b] = campaign.lists;
  [associationA, associationB] = [a!.associationId, b!.associationId];
  const linkFor = async (associationId: number) =>
    ((await (await api(campaign.url, 'POST', `/api/associations/${associationId}/access`, ADMIN_TOKEN, {})).json()) as { token: string }).token;
  [tokenA, tokenB] = [await linkFor(associationA), await linkFor(associationB)];
  const rename = (name: string, id: number) => execute(campaign.app.store, sql`UPDATE contacts SET name = ${name} WHERE id = ${id}`);
  await rename('Åsa Öberg', a!.contactIds[0]!);
  await rename('Bo & Ek=1', a!.contactIds[1]!);
  await rename('Cia Lund', b!.contactIds[0]!);
  for (const list of [a!, b!]) await askWantsToHelp(campaign.url, list.listId);
  const station = await campaign.join(0);
  const yes = (listId: number) => conversationWantingToHelp(campaign, station, campaign.stations[0]!.number, listId);
  await yes(a!.listId);
  clock.advance(MINUTE);
  await yes(a!.listId);
  await yes(b!.listId);
});

afterAll(async () => {
  await campaign?.close();
});

const helpersOf = async (associationId: number, token: string) =>
  (await bodyOf(await api(campaign.url, 'GET', `/api/associations/${associationId}/new-helpers`, token), 200, zNewHelpers)).helpers;
const fragmentOf = (helper: NewHelper) => new URLSearchParams(new URL(helper.signUpUrl).hash.slice(1));

describe("an association's new helpers", () => {
  it('lists its own, the newest first, each with a sign-up link naming the person and the association', async () => {
    const helpers = await helpersOf(associationA, tokenA);
    expect(helpers.map(({ signUpUrl: _url, id: _id, ...rest }) => rest)).toEqual([
      { name: 'Bo & Ek=1', phone: phoneNumber(2), phoneNational: formatPhoneForDisplay(phoneNumber(2)), list: { id: campaign.lists[0]!.listId, name: expect.any(String) }, createdAt: new Date(clock.now()).toISOString(), signUpSentAt: null },
      { name: 'Åsa Öberg', phone: phoneNumber(1), phoneNational: formatPhoneForDisplay(phoneNumber(1)), list: { id: campaign.lists[0]!.listId, name: expect.any(String) }, createdAt: new Date(clock.now() - MINUTE).toISOString(), signUpSentAt: null },
    ]);
    const [bo, asa] = helpers;
    expect(new URL(bo!.signUpUrl).pathname).toBe('/signup');
    expect(Object.fromEntries(fragmentOf(bo!))).toEqual({ token: expect.any(String), association: String(associationA), name: 'Bo & Ek=1', phone: phoneNumber(2) });
    // One link for the association, whoever it is sent to.
    expect(fragmentOf(asa!).get('token')).toBe(fragmentOf(bo!).get('token'));
    expect(await helpersOf(associationA, ADMIN_TOKEN)).toEqual(helpers);
  });

  it('gives a link that opens the sign-up for every room, made once and shown again', async () => {
    const token = fragmentOf((await helpersOf(associationA, tokenA))[0]!).get('token')!;
    const offer = await api(campaign.url, 'GET', '/api/signup/sessions', token);
    expect(offer.status).toBe(200);
    expect(((await offer.json()) as { team: unknown }).team).toBeNull();
    const made = await rows(campaign.app.store, sql`SELECT room_id AS "roomId", label FROM signup_links WHERE created_by = ${`association:${associationA}`} ORDER BY id`);
    expect(made).toEqual([{ roomId: null, label: 'Nya hjälpare' }]);
    // B's link is B's own.
    const other = fragmentOf((await helpersOf(associationB, tokenB))[0]!).get('token');
    expect(other).not.toBe(token);
  });

  it('makes a new link once the admin revokes the old one, and the old one stops working', async () => {
    const old = fragmentOf((await helpersOf(associationA, tokenA))[0]!).get('token')!;
    const [{ id }] = (await rows<{ id: number }>(campaign.app.store, sql`SELECT id FROM signup_links WHERE created_by = ${`association:${associationA}`}`)) as [{ id: number }];
    expect((await api(campaign.url, 'DELETE', `/api/signup-links/${id}`, ADMIN_TOKEN)).status).toBe(204);
    const fresh = fragmentOf((await helpersOf(associationA, tokenA))[0]!).get('token')!;
    expect(fresh).not.toBe(old);
    expect((await api(campaign.url, 'GET', '/api/signup/sessions', old)).status).toBe(401);
    expect((await api(campaign.url, 'GET', '/api/signup/sessions', fresh)).status).toBe(200);
  });

  it('marks a link sent once: again keeps the first time', async () => {
    const [bo] = await helpersOf(associationA, tokenA);
    const sent = await api(campaign.url, 'POST', `/api/associations/${associationA}/new-helpers/${bo!.id}/sent`, tokenA);
    expect(await sent.json()).toEqual({ id: bo!.id, signUpSentAt: new Date(clock.now()).toISOString() });
    clock.advance(MINUTE);
    const again = await api(campaign.url, 'POST', `/api/associations/${associationA}/new-helpers/${bo!.id}/sent`, tokenA);
    expect(await again.json()).toEqual({ id: bo!.id, signUpSentAt: new Date(clock.now() - MINUTE).toISOString() });
    expect((await helpersOf(associationA, tokenA))[0]!.signUpSentAt).toBe(new Date(clock.now() - MINUTE).toISOString());
  });

  it("keeps each association's helpers to itself", async () => {
    const [cia] = await helpersOf(associationB, tokenB);
    const [bo] = await helpersOf(associationA, tokenA);
    expect((await api(campaign.url, 'GET', `/api/associations/${associationA}/new-helpers`, tokenB)).status).toBe(404);
    expect((await api(campaign.url, 'POST', `/api/associations/${associationA}/new-helpers/${bo!.id}/sent`, tokenB)).status).toBe(404);
    // B's helper through A's own id is no helper of A's.
    expect((await api(campaign.url, 'POST', `/api/associations/${associationA}/new-helpers/${cia!.id}/sent`, tokenA)).status).toBe(404);
    expect((await helpersOf(associationB, tokenB))[0]!.signUpSentAt).toBeNull();
    expect((await api(campaign.url, 'GET', '/api/associations/999/new-helpers', ADMIN_TOKEN)).status).toBe(404);
  });

  it('audits each read as a count, never the people', async () => {
    const before = (await auditEntries(campaign.app)).length;
    await helpersOf(associationA, tokenA);
    const entries = (await auditEntries(campaign.app)).slice(before).map(({ at: _at, ...entry }) => entry);
    expect(entries).toEqual([{ actor: `association:${associationA}`, action: 'view', target: `association:${associationA}`, detail: { view: 'new_helpers', helpers: 2 } }]);
    expect(JSON.stringify((await auditEntries(campaign.app)))).not.toMatch(/Öberg|Ek=1|\+46/);
  });
});
