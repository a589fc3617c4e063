import { sql, type SQL } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Totals } from '@ringstuga/shared';
import { normalisePhone } from '@ringstuga/shared/phone';
import { phoneNumber } from '../../factories/campaign.ts';
import { assignmentOf, manualClock, MINUTE, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { windows1252File } from '../../factories/import-files.ts';
import { connectPhone, nextContact, pairingToken } from '../../helpers/phone-client.ts';
import { api } from '../../helpers/http.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { onPostgres } from '../../helpers/store-kind.ts';
import { tracesInStore, tracesOnDisk } from '../../helpers/trace-scan.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

// The person: the same number on two lists, and as the alternative number on a third.
const PERSON = normalisePhone('070-123 45 67')!;
const NAME = 'Unika Personsson';
const TRACES = [PERSON, '0701234567', '070-123 45 67', '701234567', 'Personsson'];

const rows = (query: SQL) => campaign!.app.store.read((q) => q.all(query));
const count = async (query: SQL) => Number(await campaign!.app.store.read((q) => q.value(query)));
const change = (query: SQL) => campaign!.app.store.write((q) => q.run(query));
// The file's bytes are SQLite's; PostgreSQL's pages are checked in test/integration/postgres/erasure-on-postgres.test.ts.
const onDisk = (path: string, needles: readonly string[]) => (onPostgres ? [] : tracesOnDisk(path, needles));

const json = async <T>(response: Response): Promise<T> => {
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

describe('erasing one person', () => {
  it('leaves no trace of them in any table or on disk, keeps the anonymous counters, and withdraws a held call', async () => {
    const clock = manualClock();
    campaign = await startCampaign({
      lists: [{ phones: [PERSON, phoneNumber(1), phoneNumber(2)] }, { phones: [PERSON, phoneNumber(3)] }, { phones: [phoneNumber(4)] }],
      stations: 2,
      now: clock.now,
    });
    await change(sql`UPDATE contacts SET name = ${NAME}, priority = 1 WHERE phone = ${PERSON}`);
    await change(sql`UPDATE contacts SET name = ${`${NAME} (jobb)`}, alt_phone = ${PERSON} WHERE id = ${campaign.lists[2]!.contactIds[0]!}`);

    // Ada calls the person, notes a time and a number, and flags the call; Bo holds them later.
    const ada = await campaign.join(0, { checkin: { name: 'Ada', associationId: null } });
    const bo = await campaign.join(1, { checkin: { name: 'Bo', associationId: null } });
    const first = assignmentOf(await ada.emitWithAck('contact:next'));
    expect(first.contact.phone).toBe(PERSON);
    await expect(
      ada.emitWithAck('call:outcome', { assignmentId: first.id, outcome: 'no_answer', note: `Ring ${NAME} på 070-123 45 67 efter sex` }),
    ).resolves.toEqual({ ok: true });
    await expect(ada.emitWithAck('call:flag', { message: `${NAME} lät upprörd`, assignmentId: first.id })).resolves.toEqual({ ok: true });
    const other = assignmentOf(await ada.emitWithAck('contact:next'));
    expect(other.contact.phone).not.toBe(PERSON);
    await ada.emitWithAck('call:outcome', { assignmentId: other.id, outcome: 'conversation' });
    clock.advance(121 * MINUTE);
    const held = assignmentOf(await bo.emitWithAck('contact:next'));
    expect(held.contact.phone).toBe(PERSON);

    const before = await json<Totals>(await api(campaign.url, 'GET', '/api/stats', ADMIN_TOKEN));
    expect((await tracesInStore(campaign.app.store, TRACES)).length).toBeGreaterThan(0);

    const erased = await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent('070-123 45 67')}`, ADMIN_TOKEN);
    expect(await json(erased)).toEqual({ contacts: 3, calls: 1 });

    expect(await tracesInStore(campaign.app.store, TRACES)).toEqual([]);
    expect(onDisk(campaign.databasePath, TRACES)).toEqual([]);
    // The anonymous counters stay; only the contacts counted go down.
    const after = await json<Totals>(await api(campaign.url, 'GET', '/api/stats', ADMIN_TOKEN));
    expect(after).toEqual({ ...before, contacts: before.contacts - 3 });
    expect(await rows(sql`SELECT contact_id, message, handled_at FROM flags`)).toEqual([
      { contact_id: null, message: '(raderad)', handled_at: clock.now() },
    ]);

    // Bo's lease went with the person: the report finds nothing, and Bo is offered someone else.
    await expect(bo.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(assignmentOf(await bo.emitWithAck('contact:next')).contact.phone).not.toBe(PERSON);
    expect(await count(sql`SELECT COUNT(*) FROM contacts WHERE status = 'held'`)).toBe(1);

    const { entries } = await json<{ entries: { actor: string; action: string; target: string; detail: unknown }[] }>(
      await api(campaign.url, 'GET', '/api/audit', ADMIN_TOKEN),
    );
    expect(entries[0]).toMatchObject({ actor: 'admin', action: 'erase', target: 'person', detail: { contacts: 3, calls: 1, lists: 3 } });
    expect(TRACES.filter((trace) => JSON.stringify(entries).includes(trace))).toEqual([]);
  });

  it('takes the number off the do-not-call register too, releases the rest of a held number, and refuses what is not a number', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [phoneNumber(2)] }], stations: 1 });
    // The person is the first list's contact for number 2 only through its alternative number.
    const [, withAlt] = campaign.lists[0]!.contactIds;
    await change(sql`UPDATE contacts SET alt_phone = ${PERSON}, priority = 1 WHERE id = ${withAlt!}`);
    await api(campaign.url, 'POST', '/api/do-not-call', ADMIN_TOKEN, { phones: [PERSON] });
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    expect(held.contact.id).toBe(withAlt);

    expect(await json(await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(PERSON)}`, ADMIN_TOKEN))).toEqual({ contacts: 1, calls: 0 });
    expect(await tracesInStore(campaign.app.store, TRACES)).toEqual([]);
    // Number 2 on the other list was held with the erased contact's lease: it is offered again.
    expect(await rows(sql`SELECT status FROM contacts WHERE phone = ${phoneNumber(2)}`)).toEqual([{ status: 'ready' }]);

    const unknown = await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent('070-999 99 99')}`, ADMIN_TOKEN);
    expect(await json(unknown)).toEqual({ contacts: 0, calls: 0 });
    const invalid = await api(campaign.url, 'DELETE', '/api/people/12', ADMIN_TOKEN);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: { code: 'invalid_phone', message: 'Not a valid phone number' } });
  });

  it('leaves no trace of a person who came in through a member register: the file’s name, their home number, their address as a district', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1)] }, { phones: [phoneNumber(2)] }], stations: 1 });
    const [first, second] = campaign.lists;
    const mobile = normalisePhone('070-765 43 21')!;
    const home = normalisePhone('08-123 456 78')!;
    const address = 'Zelda Secretsdottirs gata 5';
    const fileName = 'Zelda Secretsdottirs ringlista.csv';
    const traces = [
      'Zelda',
      'Secretsdottir',
      mobile,
      '46707654321',
      '0707654321',
      '070-765 43 21',
      '707654321',
      home,
      '0812345678',
      '08-123 456 78',
      '812345678',
      address,
      'ringlista',
    ];
    const register = windows1252File([
      'Namn;Mobilnummer;Telefon hem;Valdistrikt',
      `Zelda Secretsdottir;070-765 43 21;08-123 456 78;${address}`,
      'Anna Annan;070-111 22 33;;0127 0014',
    ]);
    const response = await fetch(`${campaign.url}/api/lists/${first!.listId}/import?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      body: register,
    });
    expect(await json(response)).toMatchObject({ imported: 2, rejected: [], adjusted: [{ row: 2, reason: 'district_like_address', value: address }] });
    expect(await rows(sql`SELECT phone, alt_phone, voting_district FROM contacts WHERE name = 'Zelda Secretsdottir'`)).toEqual([{
      phone: mobile,
      alt_phone: home,
      voting_district: null,
    }]);
    // The same person on another list, imported before districts were checked: their address is their district.
    await change(sql`UPDATE contacts SET name = 'Zelda Secretsdottir', phone = ${mobile}, voting_district = ${address} WHERE id = ${second!.contactIds[0]!}`);
    expect((await tracesInStore(campaign.app.store, traces)).length).toBeGreaterThan(0);

    expect(await json(await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(home)}`, ADMIN_TOKEN))).toEqual({ contacts: 1, calls: 0 });
    expect(await json(await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(mobile)}`, ADMIN_TOKEN))).toEqual({ contacts: 1, calls: 0 });

    expect(await tracesInStore(campaign.app.store, traces)).toEqual([]);
    expect(onDisk(campaign.databasePath, traces)).toEqual([]);
    // What stays of the import: its size and counts.
    expect(await rows(sql`SELECT bytes, rows, imported, rejected FROM imports`)).toEqual([
      { bytes: register.length, rows: 2, imported: 2, rejected: 0 },
    ]);
  });
});

describe('an erasure while the person is in use', () => {
  it('withdraws the erased person from the station holding them and from its paired phone at once', async () => {
    campaign = await startCampaign({ lists: [{ phones: [PERSON, phoneNumber(1)], priority: 1 }], stations: 1 });
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: null } });
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    expect(held.contact.phone).toBe(PERSON);
    const pairing = await station.emitWithAck('pair:create');
    if (!pairing.ok) throw new Error('pairing refused');
    const { phone, firstContact } = await connectPhone(campaign.url, pairingToken(pairing.url));
    expect((await firstContact)?.phone).toBe(PERSON);

    const withdrawn = waitForEvent(station, 'contact:withdrawn');
    const phoneDropped = nextContact(phone, (contact) => contact === null);
    expect(await json(await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(PERSON)}`, ADMIN_TOKEN))).toEqual({ contacts: 1, calls: 0 });
    expect(await withdrawn).toEqual({ assignmentId: held.id });
    expect(await phoneDropped).toBeNull();
    phone.close();
  });

  it('is not undone by an import of the same number that was running when it landed', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    // A large first import (written in chunks) with the person last, so their row is written after the erasure.
    const lines = ['Namn;Telefon'];
    for (let i = 0; i < 20_000; i += 1) lines.push(`Person ${i};07${String(20_000_000 + i)}`);
    lines.push(`${NAME};070-123 45 67`);
    const importId = '5f0c2b9e-8a41-4d3e-9b7c-1e2d3f4a5b6c';
    const uploading = fetch(`${campaign.url}/api/lists/${listId}/import?importId=${importId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
      body: windows1252File(lines),
    });
    const progress = async () => {
      const response = await api(campaign!.url, 'GET', `/api/lists/${listId}/import-progress?importId=${importId}`, ADMIN_TOKEN);
      return response.status === 200 ? ((await response.json()) as { phase: string }) : undefined;
    };
    for (let tries = 0; tries < 2_000 && !(await progress()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 5));

    await json(await api(campaign.url, 'DELETE', `/api/people/${encodeURIComponent(PERSON)}`, ADMIN_TOKEN));
    // The erasure really landed while the import ran (else this test would prove nothing).
    expect((await progress())?.phase).not.toBe('done');
    const imported = (await (await uploading).json()) as { imported: number };

    expect(await count(sql`SELECT COUNT(*) FROM contacts WHERE phone = ${PERSON}`)).toBe(0);
    expect(await tracesInStore(campaign.app.store, [PERSON, NAME])).toEqual([]);
    expect(imported.imported).toBe(20_000);
    expect(await count(sql`SELECT contacts_count FROM call_lists WHERE id = ${listId}`)).toBe(20_000);
  });
});
