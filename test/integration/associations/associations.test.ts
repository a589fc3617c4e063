import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createAssociationLink } from '../../helpers/admin-setup.ts';
import { api, bodyOf, postCsv } from '../../helpers/http.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';

// A database made for real, not from the demo's seed, has no municipalities and no associations:
// the admin adds them (POST /api/associations) before any list can be imported.
const zSummary = z.object({ id: z.number().int(), name: z.string(), municipality: z.object({ code: z.string(), name: z.string() }), lists: z.number().int() });
const zAssociations = z.object({ associations: z.array(zSummary) });
const zError = z.object({ error: z.object({ code: z.string(), message: z.string(), reason: z.string().optional(), params: z.record(z.string(), z.string()).optional() }) });
const zAudit = z.object({ entries: z.array(z.object({ actor: z.string(), action: z.string(), target: z.string(), detail: z.unknown() })) });

const SOLNA = { name: 'Solna partiförening', municipality: { code: '0184', name: 'Solna' } };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const add = (body: unknown, token = ADMIN_TOKEN) => api(server.url, 'POST', '/api/associations', token, body);

it('adds an association with its municipality, which then owns a list, imports into it and sees it through its own link', async () => {
  expect((await bodyOf(await api(server.url, 'GET', '/api/associations', ADMIN_TOKEN), 200, zAssociations)).associations).toEqual([]);

  const solna = await bodyOf(await add(SOLNA), 201, zSummary);
  expect(solna).toEqual({ id: expect.any(Number), name: SOLNA.name, municipality: SOLNA.municipality, lists: 0 });
  const audit = await bodyOf(await api(server.url, 'GET', '/api/audit', ADMIN_TOKEN), 200, zAudit);
  expect(audit.entries.filter((entry) => entry.action === 'association_create')).toEqual([
    { actor: 'admin', action: 'association_create', target: `association:${solna.id}`, detail: { municipalityCode: '0184' } },
  ]);

  const list = await bodyOf(await api(server.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'Solna 2026', associationId: solna.id }), 201, z.object({ id: z.number().int() }));
  await bodyOf(await postCsv(server.url, `/api/lists/${list.id}/import`, ADMIN_TOKEN, 'Namn;Telefon\r\nÅsa Öberg;070-123 45 67\r\n'), 200, z.unknown());
  const link = await createAssociationLink(server.url, solna.id);
  // Its label is optional, and so is a body: a bare POST makes a link too.
  const bare = await fetch(`${server.url}/api/associations/${solna.id}/access`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  expect((await bodyOf(bare, 201, z.object({ token: z.string(), url: z.string() }))).url).toContain('/association#token=');
  const own = await bodyOf(await api(server.url, 'GET', '/api/lists', link.token), 200, z.object({ lists: z.array(z.object({ id: z.number(), contacts: z.number() })) }));
  expect(own.lists).toEqual([expect.objectContaining({ id: list.id, contacts: 1 })]);
  expect((await bodyOf(await api(server.url, 'GET', '/api/associations', ADMIN_TOKEN), 200, zAssociations)).associations).toEqual([{ ...solna, lists: 1 }]);
});

it('answers a retried request with the association as it stands, once, even when both arrive at once', async () => {
  const body = { name: 'Sundbybergs partiförening', municipality: { code: '0183', name: 'Sundbyberg' } };
  const [first, second] = await Promise.all([add(body), add(body)]);
  const statuses = [first.status, second.status].sort();
  expect(statuses).toEqual([200, 201]);
  const [a, b] = [await zSummary.parseAsync(await first.json()), await zSummary.parseAsync(await second.json())];
  expect(a).toEqual(b);
  expect((await bodyOf(await add(body), 200, zSummary)).id).toBe(a.id);
  const audit = await bodyOf(await api(server.url, 'GET', '/api/audit', ADMIN_TOKEN), 200, zAudit);
  expect(audit.entries.filter((entry) => entry.target === `association:${a.id}`)).toHaveLength(1);
});

it('refuses, naming why, a name used in another municipality, a known code under another name, and malformed input', async () => {
  await bodyOf(await add({ name: 'Östermalms partiförening', municipality: { code: '0180', name: 'Stockholm' } }), 201, zSummary);
  // A second association of the same municipality (a city district's): the code is known, the name agrees.
  await bodyOf(await add({ name: 'Kungsholmens partiförening', municipality: { code: '0180', name: 'Stockholm' } }), 201, zSummary);

  const elsewhere = await bodyOf(await add({ name: 'Östermalms partiförening', municipality: { code: '0186', name: 'Lidingö' } }), 409, zError);
  expect(elsewhere.error).toEqual({
    code: 'conflict',
    message: 'An association named Östermalms partiförening exists in another municipality: Stockholm (0180)',
    reason: 'association_elsewhere',
    params: { name: 'Östermalms partiförening', municipality: 'Stockholm', code: '0180' },
  });
  // The refused request left no municipality behind: 0186 is free to be named as its first association says.
  await bodyOf(await add({ name: 'Lidingö partiförening', municipality: { code: '0186', name: 'Lidingö stad' } }), 201, zSummary);
  const renamed = await bodyOf(await add({ name: 'Vasastans partiförening', municipality: { code: '0180', name: 'Stockholms stad' } }), 409, zError);
  expect(renamed.error).toEqual({ code: 'conflict', message: 'Municipality 0180 is Stockholm', reason: 'municipality_named', params: { code: '0180', municipality: 'Stockholm' } });

  for (const body of [
    { name: 'Täby partiförening', municipality: { code: '160', name: 'Täby' } },
    { name: '', municipality: { code: '0160', name: 'Täby' } },
    { name: 'Täby\npartiförening', municipality: { code: '0160', name: 'Täby' } },
    { name: 'Täby partiförening', municipality: { code: '0160' } },
    { name: 'Täby partiförening', municipality: { code: '0160', name: 'Täby' }, lists: 3 },
  ]) {
    expect((await bodyOf(await add(body), 400, zError)).error.code).toBe('invalid_request');
  }
  // JSON sent as `curl -d` sends it without a content-type header (as a form) is told what to send.
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' };
  const untyped = await fetch(`${server.url}/api/associations`, { method: 'POST', headers, body: JSON.stringify(SOLNA) });
  expect((await bodyOf(untyped, 415, zError)).error.message).toContain('send JSON as application/json');
  const names = (await bodyOf(await api(server.url, 'GET', '/api/associations', ADMIN_TOKEN), 200, zAssociations)).associations.map((association) => association.name);
  expect(names).not.toContain('Täby partiförening');
  expect(names).not.toContain('Vasastans partiförening');
});
