import { sql } from 'drizzle-orm';
import writeExcelFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { phoneNumber } from '../../factories/campaign.ts';
import { utf8File, windows1252File } from '../../factories/import-files.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { ADMIN_TOKEN, startServer, tempDatabasePath } from '../../helpers/server.ts';
import { auditEntries } from '../../helpers/audit-entries.ts';
import { onPostgres } from '../../helpers/store-kind.ts';

let campaign: CampaignServer | undefined;
afterEach(async () => {
  await campaign?.close();
  campaign = undefined;
});

async function upload(listId: number, file: Uint8Array, query: Record<string, string> = {}, token = ADMIN_TOKEN) {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${campaign!.url}/api/lists/${listId}/import${search ? `?${search}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface ContactRow {
  name: string;
  phone: string;
  alt_phone: string | null;
  external_id: string | null;
  voting_district: string | null;
  priority: number;
  preferred_language: string | null;
  status: string;
}
const contactsOf = (listId: number) =>
  campaign!.app.store.read((q) =>
    q.all<ContactRow>(
      sql`SELECT name, phone, alt_phone, external_id, voting_district, priority, preferred_language, status FROM contacts WHERE list_id = ${listId} ORDER BY id`,
    ),
  );
const countOf = async (listId: number) => (await campaign!.app.store.read((q) => campaign!.app.lists.summary(q, listId)))?.contacts;

describe('importing a list', () => {
  it('imports a Swedish Excel file, rejecting each bad row with its reason, and stations call the new contacts', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
    const { listId } = campaign.lists[0]!;
    const file = windows1252File([
      'Namn;Mobil;Valdistrikt;Prioritet;Språk',
      'Åsa Öberg;070-123 45 67;01800101;1;svenska',
      'Björn Ärlig;+46 70 765 43 21;01800102;;',
      ';0701112233;01800101;;',
      'Utan Nummer;;01800101;;',
      'Fel Nummer;12345;01800101;;',
      'Dubbel Åsa;0701234567;01800101;;',
      'Konstig Prio;0709998877;01800101;brådskande;',
    ]);
    const { status, body } = await upload(listId, file);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      imported: 2,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 4, reason: 'missing_name' },
        { row: 5, reason: 'missing_phone' },
        { row: 6, reason: 'invalid_phone', value: '12345' },
        { row: 7, reason: 'duplicate_in_file' },
        { row: 8, reason: 'invalid_priority' },
      ],
      preview: { encoding: 'windows-1252', separator: ';', rows: 7 },
    });
    expect(await contactsOf(listId)).toEqual([
      { name: 'Åsa Öberg', phone: '+46701234567', alt_phone: null, external_id: null, voting_district: '01800101', priority: 1, preferred_language: 'sv', status: 'ready' },
      { name: 'Björn Ärlig', phone: '+46707654321', alt_phone: null, external_id: null, voting_district: '01800102', priority: 2, preferred_language: null, status: 'ready' },
    ]);
    expect(await countOf(listId)).toBe(2);
    const station = await campaign.join(0);
    expect(assignmentOf(await station.emitWithAck('contact:next')).contact.name).toBe('Åsa Öberg');
    const logged = (await auditEntries(campaign.app)).map(({ at: _at, ...entry }) => entry);
    expect(logged).toEqual([{ actor: 'admin', action: 'import', target: `list:${listId}`, detail: { rows: 7, imported: 2, updated: 0, notOffered: 0, rejected: 5 } }]);
  });

  it('imports the first sheet of an Excel workbook, numbers typed as numbers too', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const workbook = await writeExcelFile([
      [{ value: 'Namn' }, { value: 'Mobil' }, { value: 'Valdistrikt' }, { value: 'Medlemsnummer' }],
      [{ value: 'Åsa Öberg' }, { value: '070-123 45 67' }, { value: '01800101' }, { value: 1001 }],
      // Excel keeps a number typed into a cell as a number, and drops its leading zero.
      [{ value: 'Bo Ek' }, { value: 707654321 }, { value: '01800102' }, { value: 1002 }],
      [{ value: 'Utan Nummer' }, { value: '' }, { value: '01800102' }, { value: 1003 }],
    ]).toBuffer();
    const response = await fetch(`${campaign.url}/api/lists/${listId}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: workbook,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      imported: 2,
      rejected: [{ row: 4, reason: 'missing_phone' }],
      preview: { encoding: 'xlsx', separator: null, headers: ['Namn', 'Mobil', 'Valdistrikt', 'Medlemsnummer'] },
    });
    expect((await contactsOf(listId)).map((c) => [c.name, c.phone, c.external_id])).toEqual([
      ['Åsa Öberg', '+46701234567', '1001'],
      ['Bo Ek', '+46707654321', '1002'],
    ]);
  });

  it('writes nothing on a dry run, and nothing at all when the file cannot be read', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const file = utf8File(['name,phone', 'Ada,0701234567'], { bom: true });
    const dry = await upload(listId, file, { dryRun: 'true' });
    expect(dry.body).toMatchObject({ imported: 1, preview: { encoding: 'utf-8', separator: ',', headers: ['name', 'phone'], sample: [['Ada', '0701234567']] } });
    expect(await contactsOf(listId)).toEqual([]);

    // A number column under a name nobody recognises: the preview still shows the file, so it can be mapped.
    const unknownColumn = utf8File(['Namn;Nr', 'Ada;0701234567']);
    const preview = await upload(listId, unknownColumn, { dryRun: 'true' });
    expect(preview.body).toMatchObject({ imported: 0, rejected: [], preview: { headers: ['Namn', 'Nr'], mapping: { name: 'Namn' }, rows: 1 } });
    expect(await upload(listId, unknownColumn)).toMatchObject({ status: 400, body: { error: { message: 'No column is chosen for the phone number' } } });
    const mapped = await upload(listId, unknownColumn, { dryRun: 'true', mapping: JSON.stringify({ name: 'Namn', phone: 'Nr' }) });
    expect(mapped.body).toMatchObject({ imported: 1 });

    const badMapping = await upload(listId, file, { mapping: JSON.stringify({ name: 'name', phone: 'Telefon' }) });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body).toMatchObject({ error: { code: 'bad_file', reason: 'column_missing', params: { column: 'Telefon' } } });
    const notJson = await upload(listId, file, { mapping: '{name' });
    expect(notJson.status).toBe(400);
    // An empty file chosen in the page arrives as no body: the empty file's reason.
    expect(await upload(listId, new Uint8Array())).toMatchObject({ status: 400, body: { error: { reason: 'file_empty' } } });
    expect(await contactsOf(listId)).toEqual([]);
    expect(Number(await campaign.app.store.read((q) => q.value(sql`SELECT count(*) FROM imports`)))).toBe(0);
  });

  it('updates contacts on a re-import (by external id, else by number), keeping their call history', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
    const { listId } = campaign.lists[0]!;
    await upload(listId, utf8File(['id;namn;telefon;valdistrikt', 'A1;Ada;0701000001;1', 'A2;Bo;0701000002;1', ';Cia;0701000003;1']));
    const station = await campaign.join(0);
    const called = assignmentOf(await station.emitWithAck('contact:next'));
    await station.emitWithAck('call:outcome', { assignmentId: called.id, outcome: 'no_answer' });

    // A1 changed number and district, A2 unchanged, Cia (no id) matched by number and renamed, Dan new.
    const second = await upload(
      listId,
      utf8File(['id;namn;telefon;valdistrikt', 'A1;Ada;0701000009;2', 'A2;Bo;0701000002;1', ';Cia Berg;0701000003;1', 'A4;Dan;0701000004;3']),
    );
    expect(second.body).toMatchObject({ imported: 1, updated: 2, unchanged: 1, rejected: [] });
    expect((await contactsOf(listId)).map((c) => [c.external_id, c.name, c.phone, c.voting_district])).toEqual([
      ['A1', 'Ada', '+46701000009', '0002'],
      ['A2', 'Bo', '+46701000002', '0001'],
      [null, 'Cia Berg', '+46701000003', '0001'],
      ['A4', 'Dan', '+46701000004', '0003'],
    ]);
    expect(await countOf(listId)).toBe(4);
    // Ada's attempt is still hers.
    const history = await campaign.app.store.read((q) => q.all(sql`SELECT c.external_id, k.outcome FROM calls k JOIN contacts c ON c.id = k.contact_id`));
    expect(history).toEqual([{ external_id: 'A1', outcome: 'no_answer' }]);
  });

  it("keeps a contact's number when a re-import gives it another contact's, and says so", async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
    const { listId } = campaign.lists[0]!;
    await upload(listId, utf8File(['id;namn;telefon', 'A1;Ada;0701000001', 'A2;Bo;0701000002']));
    // Ada's row carries Bo's number (a typing slip, or a shared line): the number stays Bo's, the new name is Ada's.
    const again = await upload(listId, utf8File(['id;namn;telefon', 'A1;Ada Berg;0701000002']));
    expect(again.body).toMatchObject({
      updated: 1,
      rejected: [],
      adjusted: [{ row: 2, reason: 'number_on_another_contact', value: '+46701000002' }],
      adjustedByReason: { number_on_another_contact: 1 },
    });
    expect((await contactsOf(listId)).map((c) => [c.external_id, c.name, c.phone])).toEqual([
      ['A1', 'Ada Berg', '+46701000001'],
      ['A2', 'Bo', '+46701000002'],
    ]);
  });

  it("lets anyone call a contact whose language a re-import changes, and keeps one whose language stays waiting for a speaker", async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
    const { listId } = campaign.lists[0]!;
    await upload(listId, utf8File(['id;namn;telefon;språk', 'A1;Ada;0701000001;arabiska', 'A2;Bo;0701000002;arabiska', 'A3;Cia;0701000003;']));
    // As after a call across a language barrier: each waits for someone who speaks their language.
    await campaign.app.store.write((q) => q.run(sql`UPDATE contacts SET needs_speaker = 1 WHERE list_id = ${listId}`));

    // Each renamed (so each is updated); Bo's language changes, Ada's stays, Cia still has none.
    const second = await upload(listId, utf8File(['id;namn;telefon;språk', 'A1;Ada Ek;0701000001;arabiska', 'A2;Bo Ek;0701000002;somaliska', 'A3;Cia Ek;0701000003;']));
    expect(second.body).toMatchObject({ imported: 0, updated: 3, rejected: [] });
    const waiting = await campaign.app.store.read((q) =>
      q.all<{ external_id: string; preferred_language: string | null; needs_speaker: boolean | number }>(
        sql`SELECT external_id, preferred_language, needs_speaker FROM contacts WHERE list_id = ${listId} ORDER BY id`,
      ),
    );
    // SQLite answers a boolean as 0/1, PostgreSQL as true/false.
    expect(waiting.map((row) => ({ ...row, needs_speaker: Boolean(row.needs_speaker) }))).toEqual([
      { external_id: 'A1', preferred_language: 'ar', needs_speaker: true },
      { external_id: 'A2', preferred_language: 'so', needs_speaker: false },
      { external_id: 'A3', preferred_language: null, needs_speaker: true },
    ]);
  });

  it('imports a member register with a home-phone column and codes written every way: one district per code, both numbers kept', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 1 });
    const { listId } = campaign.lists[0]!;
    // A home number on the do-not-call register keeps its person from being called on the mobile too.
    const registered = await fetch(`${campaign.url}/api/do-not-call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phones: ['08-999 888 77'] }),
    });
    expect(registered.status).toBe(200);
    const file = windows1252File([
      'Medlemsnr;Förnamn;Efternamn;Mobilnummer;Telefon hem;Valdistrikt',
      'M1;Åsa;Öberg;070-123 45 67;08-123 456 78;0127 0014',
      'M2;Björn;Ek;;08-765 432 10;01270014',
      'M3;Cissi;Ås;12;08-555 123 45;1270014',
      'M4;Dan;Lind;070-987 65 43;;0127-0015',
      'M5;Eva;Berg;070-222 33 44;08 22 33 44;01270015',
      'M6;Fia;Holm;070-333 44 55;08-999 888 77;01270015',
    ]);
    const { status, body } = await upload(listId, file);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      imported: 5,
      notOffered: 1,
      rejected: [],
      adjusted: [
        { row: 3, reason: 'called_on_second_number' },
        { row: 4, reason: 'called_on_second_number', value: '12' },
      ],
    });
    expect((await contactsOf(listId)).map((c) => [c.external_id, c.phone, c.alt_phone, c.voting_district])).toEqual([
      ['M1', '+46701234567', '+46812345678', '01270014'],
      ['M2', '+46876543210', null, '01270014'],
      ['M3', '+46855512345', null, '01270014'],
      ['M4', '+46709876543', null, '01270015'],
      ['M5', '+46702223344', '+468223344', '01270015'],
    ]);
    const progress = await fetch(`${campaign.url}/api/lists/${listId}/progress`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const { districts } = (await progress.json()) as { districts: { district: string; contacts: number }[] };
    expect(districts.map(({ district, contacts }) => [district, contacts])).toEqual([
      ['01270014', 3],
      ['01270015', 2],
    ]);
  });

  it('applies the per-number rules: do-not-call numbers are left out and counted, a person reached through another list is never offered', async () => {
    campaign = await startCampaign({ lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [] }], stations: 1 });
    const [first, second] = campaign.lists;
    const station = await campaign.join(0, { checkin: { name: 'Ada', associationId: first!.associationId } });
    for (const outcome of ['conversation', 'do_not_call'] as const) {
      const offered = assignmentOf(await station.emitWithAck('contact:next'));
      await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome });
    }
    const { body } = await upload(second!.listId, utf8File(['namn;telefon', 'Ett;0701000001', 'Två;0701000002', 'Tre;0701000003']));
    // The register hit is a count, not a row; the import writes nothing about the other list's call.
    expect(body).toMatchObject({ imported: 2, notOffered: 1, rejected: [] });
    expect((await contactsOf(second!.listId)).map((c) => [c.phone, c.status])).toEqual([
      [phoneNumber(1), 'ready'],
      ['+46701000003', 'ready'],
    ]);
    // At hand-out the person reached through the first list is closed, never offered (allocator invariant 8).
    await station.emitWithAck('station:checkin', { name: 'Ada', associationId: second!.associationId });
    const offered = assignmentOf(await station.emitWithAck('contact:next'));
    expect(offered.contact.phone).toBe('+46701000003');
    expect((await contactsOf(second!.listId)).map((c) => [c.phone, c.status])).toEqual([
      [phoneNumber(1), 'done'],
      ['+46701000003', 'held'],
    ]);
  });

  it("lets an association import into its own lists only: another's answers 404 and is left untouched", async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }, { phones: [] }], stations: 0 });
    const [own, other] = campaign.lists;
    const link = await fetch(`${campaign.url}/api/associations/${own!.associationId}/access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await link.json()) as { token: string };
    const file = utf8File(['namn;telefon', 'Ada;0701234567']);
    expect((await upload(own!.listId, file, {}, token)).body).toMatchObject({ imported: 1 });
    expect(await upload(other!.listId, file, {}, token)).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'No such list' } } });
    expect(await contactsOf(other!.listId)).toEqual([]);
    expect((await upload(own!.listId, file, {}, 'not-a-token')).status).toBe(401);
    expect((await auditEntries(campaign.app)).filter((entry) => entry.action === 'import').map((entry) => entry.actor)).toEqual([`association:${own!.associationId}`]);
  });

  it('writes a large first import while stations cannot see the list, then shows it whole', async () => {
    campaign = await startCampaign({ lists: [{ phones: [] }], stations: 0 });
    const { listId } = campaign.lists[0]!;
    const lines = ['Namn;Telefon'];
    for (let i = 0; i < 9_000; i += 1) lines.push(`Person ${i};07${String(20_000_000 + i)}`);
    const { body } = await upload(listId, windows1252File(lines));
    expect(body).toMatchObject({ imported: 9_000, rejected: [] });
    expect(await countOf(listId)).toBe(9_000);

    // With an importId, the upload's progress can be read (here: afterwards, at its end).
    const importId = '0b8f7c1e-2d3a-4c5b-9e6f-7a8b9c0d1e2f';
    const again = windows1252File(['Namn;Telefon', 'Ny Person;0709999999']);
    await upload(listId, again, { importId });
    const progress = await fetch(`${campaign.url}/api/lists/${listId}/import-progress?importId=${importId}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await progress.json()).toEqual({ phase: 'done', done: 1, total: 1 });
    const unknown = await fetch(`${campaign.url}/api/lists/${listId}/import-progress?importId=${crypto.randomUUID()}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(unknown.status).toBe(404);
    expect(Boolean(await campaign.app.store.read((q) => q.value(sql`SELECT importing FROM call_lists WHERE id = ${listId}`)))).toBe(false);
  });
});

describe('an import interrupted by a stop', () => {
  it('leaves nothing behind: at the next start the half-written list is emptied and shown again', async () => {
    const temp = tempDatabasePath();
    // Both servers on one store: the same SQLite file, or one PostgreSQL database.
    const database = onPostgres ? await (await import('../../helpers/postgres/database.ts')).createDatabase() : undefined;
    const where = database ? { databaseUrl: database.url } : { databasePath: temp.path };
    const first = await startServer(where);
    await first.app.store.write(async (q) => {
      await q.run(sql`INSERT INTO municipalities (code, name) VALUES ('0180', 'Stockholm')`);
      await q.run(sql`INSERT INTO associations (id, municipality_code, name) VALUES (1, '0180', 'S')`);
      await q.run(sql`INSERT INTO call_lists (id, association_id, name, created_at, importing) VALUES (1, 1, 'Halv', 0, 1)`);
      await q.run(sql`INSERT INTO contacts (list_id, name, phone, status, created_at) VALUES (1, 'A', '+46701000001', 'ready', 0)`);
    });
    await first.close();
    const again = await startServer(where);
    try {
      expect(Number(await again.app.store.read((q) => q.value(sql`SELECT count(*) FROM contacts`)))).toBe(0);
      expect(Boolean(await again.app.store.read((q) => q.value(sql`SELECT importing FROM call_lists`)))).toBe(false);
    } finally {
      await again.close();
      temp.cleanup();
      await database?.drop();
    }
  });
});
