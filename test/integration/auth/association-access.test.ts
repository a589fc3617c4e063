import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLink, CallListSummary } from '@ringstuga/shared';
import { hashToken } from '../../../server/src/features/auth/tokens.ts';
import { phoneNumber } from '../../factories/campaign.ts';
import { startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { createAssociationLink, createLink } from '../../helpers/admin-setup.ts';
import { connectRoom, connectScreen } from '../../helpers/board-client.ts';
import { api } from '../../helpers/http.ts';
import { connect } from '../../helpers/socket-connect.ts';
import { stationSocket } from '../../helpers/station-client.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// Associations A and B each own one list. Every caller walks every association and list route;
// A must reach A's lists only, and B's list must look to A exactly like a list that does not exist.
let campaign: CampaignServer;
let listA: number;
let listB: number;
let associationA: number;
let associationB: number;
const tokens = {} as Record<Caller, string | undefined>;

const CALLERS = ['admin', 'associationA', 'associationB', 'leader', 'screen', 'station', 'junk', 'none'] as const;
type Caller = (typeof CALLERS)[number];

const associationLink = (associationId: number, label?: string): Promise<AccessLink> => createAssociationLink(campaign.url, associationId, label);

beforeAll(async () => {
  campaign = await startCampaign({
    lists: [{ phones: [phoneNumber(1), phoneNumber(2)] }, { phones: [phoneNumber(3)] }],
    stations: 1,
    env: { AUTH_FAILURES_PER_MINUTE: '1000' },
  });
  const [a, b] = campaign.lists;
  [listA, associationA, listB, associationB] = [a!.listId, a!.associationId, b!.listId, b!.associationId];
  tokens.admin = ADMIN_TOKEN;
  tokens.associationA = (await associationLink(associationA, 'A')).token;
  tokens.associationB = (await associationLink(associationB)).token;
  tokens.leader = (await createLink(campaign.url, 'leader', { roomId: 1 })).token;
  tokens.screen = (await createLink(campaign.url, 'screen', { roomId: 1 })).token;
  tokens.station = campaign.stations[0]!.token;
  tokens.junk = 'not-a-token-of-anyone-0123456789';
  tokens.none = undefined;
});

afterAll(async () => {
  await campaign?.close();
});

type Statuses = Record<Caller, number>;
const statuses = (admin: number, associationA: number, associationB: number, link = 403, rest = 401): Statuses => ({
  admin,
  associationA,
  associationB,
  leader: link,
  screen: link,
  station: rest,
  junk: rest,
  none: rest,
});

interface Route {
  method: string;
  path: () => string;
  body?: () => unknown;
  expected: Statuses;
}

const ROUTES: [string, Route][] = [
  ['GET /api/associations', { method: 'GET', path: () => '/api/associations', expected: statuses(200, 403, 403) }],
  ['POST /api/associations/:A/access', { method: 'POST', path: () => `/api/associations/${associationA}/access`, body: () => ({}), expected: statuses(201, 403, 403) }],
  ['POST /api/associations/:unknown/access', { method: 'POST', path: () => '/api/associations/9999/access', body: () => ({}), expected: statuses(404, 403, 403) }],
  ['GET /api/lists', { method: 'GET', path: () => '/api/lists', expected: statuses(200, 200, 200) }],
  // For association A: the admin and A itself may; B may not make a list for A.
  ['POST /api/lists (for A)', { method: 'POST', path: () => '/api/lists', body: () => ({ name: 'Ny lista', associationId: associationA }), expected: statuses(201, 201, 403) }],
  ["GET A's progress", { method: 'GET', path: () => `/api/lists/${listA}/progress`, expected: statuses(200, 200, 404) }],
  ["GET A's export.csv", { method: 'GET', path: () => `/api/lists/${listA}/export.csv`, expected: statuses(200, 200, 404) }],
  ["GET A's attempts.csv", { method: 'GET', path: () => `/api/lists/${listA}/attempts.csv`, expected: statuses(200, 200, 404) }],
  ["GET B's progress", { method: 'GET', path: () => `/api/lists/${listB}/progress`, expected: statuses(200, 404, 200) }],
  ["GET B's export.csv", { method: 'GET', path: () => `/api/lists/${listB}/export.csv`, expected: statuses(200, 404, 200) }],
  ["GET B's attempts.csv", { method: 'GET', path: () => `/api/lists/${listB}/attempts.csv`, expected: statuses(200, 404, 200) }],
  ['GET an unknown list’s progress', { method: 'GET', path: () => '/api/lists/9999/progress', expected: statuses(404, 404, 404) }],
  ['GET an unknown list’s export.csv', { method: 'GET', path: () => '/api/lists/9999/export.csv', expected: statuses(404, 404, 404) }],
  ['GET an unknown list’s attempts.csv', { method: 'GET', path: () => '/api/lists/9999/attempts.csv', expected: statuses(404, 404, 404) }],
  // Routes that were there before: an association token opens none of them.
  ['GET /api/stations', { method: 'GET', path: () => '/api/stations', expected: statuses(200, 403, 403) }],
  ['GET /api/rooms', { method: 'GET', path: () => '/api/rooms', expected: { ...statuses(200, 403, 403), leader: 200 } }],
  ['GET /api/leaderboard', { method: 'GET', path: () => '/api/leaderboard', expected: statuses(200, 403, 403) }],
  ['GET /api/shifts.csv', { method: 'GET', path: () => '/api/shifts.csv', expected: statuses(200, 403, 403) }],
  ['GET /api/access-links', { method: 'GET', path: () => '/api/access-links', expected: statuses(200, 403, 403) }],
  ['POST /api/screen-links', { method: 'POST', path: () => '/api/screen-links', body: () => ({}), expected: { ...statuses(201, 403, 403), leader: 201 } }],
  ['PUT /api/stations/1/list', { method: 'PUT', path: () => '/api/stations/1/list', body: () => ({ listId: null }), expected: { ...statuses(200, 403, 403), leader: 200 } }],
];

describe('the association role matrix', () => {
  it.each(ROUTES)('%s', async (_name, route) => {
    const actual = {} as Statuses;
    for (const caller of CALLERS) {
      actual[caller] = (await api(campaign.url, route.method, route.path(), tokens[caller], route.body?.())).status;
    }
    expect(actual).toEqual(route.expected);
  });
});

const get = async <T>(path: string, token: string | undefined): Promise<T> => {
  const response = await api(campaign.url, 'GET', path, token);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

describe("an association's reach", () => {
  it('lists only its own lists, in the shape the admin sees them', async () => {
    const all = (await get<{ lists: CallListSummary[] }>('/api/lists', ADMIN_TOKEN)).lists;
    for (const [token, associationId] of [[tokens.associationA, associationA], [tokens.associationB, associationB]] as const) {
      const own = (await get<{ lists: CallListSummary[] }>('/api/lists', token)).lists;
      expect(own.length).toBeGreaterThan(0);
      expect(own).toEqual(all.filter((list) => list.association.id === associationId));
    }
    const ofA = (await get<{ lists: CallListSummary[] }>('/api/lists', tokens.associationA)).lists.map((list) => list.id);
    expect(ofA).toContain(listA);
    expect(ofA).not.toContain(listB);
  });

  it("answers another association's list exactly as an unknown id", async () => {
    for (const suffix of ['progress', 'export.csv', 'attempts.csv']) {
      const theirs = await api(campaign.url, 'GET', `/api/lists/${listB}/${suffix}`, tokens.associationA);
      const unknown = await api(campaign.url, 'GET', `/api/lists/9999/${suffix}`, tokens.associationA);
      expect([theirs.status, unknown.status]).toEqual([404, 404]);
      const body = await theirs.json();
      expect(body).toEqual({ error: { code: 'not_found', message: 'No such list' } });
      expect(await unknown.json()).toEqual(body);
    }
  });

  it('makes lists for itself, never for another association', async () => {
    const made = await api(campaign.url, 'POST', '/api/lists', tokens.associationA, { name: '  Sommarlista ', notesEnabled: false });
    expect(made.status).toBe(201);
    const list = (await made.json()) as CallListSummary;
    expect(list).toMatchObject({ name: 'Sommarlista', active: true, association: { id: associationA }, contacts: 0 });
    const lists = campaign.app.lists;
    expect(await campaign.app.store.read((q) => lists.find(q, list.id))).toMatchObject({ associationId: associationA, notesEnabled: false });

    const count = async () => (await campaign.app.store.read((q) => lists.summaries(q))).filter((summary) => summary.association.id === associationB).length;
    const before = await count();
    const refused = await api(campaign.url, 'POST', '/api/lists', tokens.associationA, { name: 'Kapad', associationId: associationB });
    expect(refused.status).toBe(403);
    expect(await count()).toEqual(before);
  });

  it('lets the admin make a list only for an association that exists, and named', async () => {
    expect((await api(campaign.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'Utan förening' })).status).toBe(400);
    expect((await api(campaign.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'X', associationId: 9999 })).status).toBe(404);
    expect((await api(campaign.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: '', associationId: associationA })).status).toBe(400);
    expect((await api(campaign.url, 'POST', '/api/lists', ADMIN_TOKEN, { name: 'X', associationId: associationA, extra: 1 })).status).toBe(400);
  });
});

describe('association links', () => {
  it('lists every association with its municipality and list count', async () => {
    const { associations } = await get<{ associations: { id: number; name: string; municipality: { code: string; name: string }; lists: number }[] }>(
      '/api/associations',
      ADMIN_TOKEN,
    );
    const counts = await campaign.app.store.read((q) => q.all(sql`SELECT association_id AS id, COUNT(*) AS lists FROM call_lists GROUP BY association_id`));
    expect(associations.map(({ id, lists }) => ({ id, lists }))).toEqual(expect.arrayContaining(counts));
    expect(associations).toHaveLength(2);
    expect(associations[0]).toEqual({ id: expect.any(Number), name: expect.any(String), municipality: { code: expect.any(String), name: expect.any(String) }, lists: expect.any(Number) });
  });

  it('hands out a token once, in the fragment of the association page, and keeps only its hash', async () => {
    const link = await associationLink(associationA, 'Kansliet');
    expect(link.url).toBe(`${campaign.url}/association#token=${link.token}`);
    const rows = await campaign.app.store.read((q) => q.all<{ token_hash: string; label: string | null }>(sql`SELECT token_hash, label FROM association_tokens`));
    expect(rows.map((row) => row.token_hash)).not.toContain(link.token);
    expect(rows).toContainEqual({ token_hash: hashToken(link.token), label: 'Kansliet' });
  });

  it('stops working once the admin revokes it, and the admin sees its links without their tokens', async () => {
    const link = await associationLink(associationA, 'kort');
    expect((await api(campaign.url, 'GET', '/api/lists', link.token)).status).toBe(200);
    const listed = (await (await api(campaign.url, 'GET', `/api/associations/${associationA}/access`, ADMIN_TOKEN)).json()) as {
      links: { id: number; label: string | null; revoked: boolean }[];
    };
    const mine = listed.links.find((entry) => entry.label === 'kort')!;
    expect(mine).toMatchObject({ revoked: false });
    expect(JSON.stringify(listed)).not.toContain(link.token);
    // Another association's link id under this association is not found.
    expect((await api(campaign.url, 'DELETE', `/api/associations/${associationB}/access/${mine.id}`, ADMIN_TOKEN)).status).toBe(404);
    expect((await api(campaign.url, 'DELETE', `/api/associations/${associationA}/access/${mine.id}`, link.token)).status).toBe(403);
    expect((await api(campaign.url, 'DELETE', `/api/associations/${associationA}/access/${mine.id}`, ADMIN_TOKEN)).status).toBe(204);
    expect((await api(campaign.url, 'GET', '/api/lists', link.token)).status).toBe(401);
    expect((await api(campaign.url, 'DELETE', `/api/associations/${associationA}/access/${mine.id}`, ADMIN_TOKEN)).status).toBe(404);
  });

  it('joins no socket namespace', async () => {
    const refusals = async (token: string) => {
      const socket = stationSocket(campaign.url, token);
      const results = await Promise.allSettled([connect(socket), connectRoom(campaign.url, token), connectScreen(campaign.url, token)]);
      socket.close();
      return results.map((result) => (result.status === 'rejected' ? (result.reason as Error).message : 'joined'));
    };
    for (const token of [tokens.associationA!, tokens.associationB!]) {
      expect(await refusals(token)).toEqual(['invalid station token', 'a leader token is required', 'a screen token is required']);
    }
  });
});
