import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_CONFIRMATION } from '../../../server/src/features/privacy/erasure.routes.ts';
import { newHelpers } from '../../../server/src/db/schema.ts';
import { buildContacts, phoneNumber } from '../../factories/campaign.ts';
import { createLink } from '../../helpers/admin-setup.ts';
import { ROLE_CALLERS, type RoleCaller, startRoles } from '../../helpers/campaign-setups.ts';
import { api, postCsv } from '../../helpers/http.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';

// Every route of the OpenAPI document, walked by every caller (see ROLE_CALLERS): A and B are the
// associations owning lists 1 and 2. Rows that destroy something make a fresh target for each
// caller, so a caller who succeeds leaves the next one a target too; the purge gets a campaign of its own.
type Roles = Awaited<ReturnType<typeof startRoles>>;
let roles: Roles;

const OWNERS = ['A', 'B'] as const;
type Owner = (typeof OWNERS)[number];
const listOf = (owner: Owner) => (owner === 'A' ? roles.listA : roles.listB).listId;
const associationOf = (owner: Owner) => (owner === 'A' ? roles.listA : roles.listB).associationId;
/** An import into each list under a known id, for the import-progress rows. */
const IMPORT_IDS: Record<Owner, string> = { A: randomUUID(), B: randomUUID() };
const contactsFile = (n: number) => `Namn;Telefon\r\nÅsa Öberg;${phoneNumber(n)}\r\n`;

let fresh = 1_000;
/** A number no list and no other row uses. */
const freshNumber = () => phoneNumber((fresh += 1));

beforeAll(async () => {
  roles = await startRoles();
  // The table below names room 2 and stations 1 (room 1's) and 3 (room 2's) in its paths.
  if (roles.room2.roomId !== 2 || roles.campaign.stations[0]!.number !== 1) throw new Error('unexpected room or station numbering');
  for (const owner of OWNERS) {
    const path = `/api/lists/${listOf(owner)}/import?importId=${IMPORT_IDS[owner]}`;
    await succeeded(postCsv(roles.campaign.url, path, ADMIN_TOKEN, contactsFile(owner === 'A' ? 900 : 901)), 200);
  }
});

afterAll(async () => {
  await roles?.campaign.close();
});

async function succeeded<T>(response: Promise<Response>, status: number): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`setup refused: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}
const asAdmin = (method: string, path: string, body?: unknown) => api(roles.campaign.url, method, path, ADMIN_TOKEN, body);

// Throwaway targets, made by the admin.
const throwawayList = async (owner: Owner) =>
  String((await succeeded<{ id: number }>(asAdmin('POST', '/api/lists', { name: 'Engångslista', associationId: associationOf(owner) }), 201)).id);
const throwawayStation = async () =>
  String((await succeeded<{ numbers: number[] }>(asAdmin('POST', '/api/rooms/2/stations', { count: 1 }), 201)).numbers[0]);
const throwawayRemoteStation = async () =>
  String((await succeeded<{ number: number }>(asAdmin('POST', '/api/rooms/2/remote-stations', { name: 'Hemma' }), 201)).number);
async function throwawayLink(): Promise<string> {
  const label = `engångs-${(fresh += 1)}`;
  await createLink(roles.campaign.url, 'leader', { roomId: 1, label });
  const { links } = await succeeded<{ links: { id: number; label: string | null }[] }>(asAdmin('GET', '/api/access-links'), 200);
  return String(links.find((link) => link.label === label)!.id);
}
async function throwawayAssociationLink(): Promise<string> {
  const label = `engångs-${(fresh += 1)}`;
  const path = `/api/associations/${associationOf('A')}/access`;
  await succeeded(asAdmin('POST', path, { label }), 201);
  const { links } = await succeeded<{ links: { id: number; label: string | null }[] }>(asAdmin('GET', path), 200);
  return String(links.find((link) => link.label === label)!.id);
}
async function registeredNumber(): Promise<string> {
  const phone = freshNumber();
  await succeeded(asAdmin('POST', '/api/do-not-call', { phones: [phone] }), 200);
  return phone;
}
async function listedPerson(): Promise<string> {
  const phone = freshNumber();
  await buildContacts(roles.campaign.app, Number(await throwawayList('A')), [phone]);
  return phone;
}

// Throwaway sessions in room 2 (one station), each in an hour of its own a month ahead.
let slot = 0;
function freshSlot(): { startsAt: string; endsAt: string } {
  slot += 1;
  const start = Date.now() + 30 * 24 * 3_600_000 + slot * 3 * 3_600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString() };
}
async function throwawaySession(): Promise<string> {
  const { sessions } = await succeeded<{ sessions: { id: number }[] }>(asAdmin('POST', '/api/rooms/2/sessions', freshSlot()), 201);
  return String(sessions[0]!.id);
}
/** The session the row's body names: made as the row's target, just before each caller. */
let targetSession = '';
async function sessionForTeam(): Promise<string> {
  targetSession = await throwawaySession();
  return targetSession;
}
async function throwawaySignupLink(): Promise<string> {
  const label = `engångs-${(fresh += 1)}`;
  await succeeded(asAdmin('POST', '/api/signup-links', { roomId: 2, label }), 201);
  const { links } = await succeeded<{ links: { id: number; label: string | null }[] }>(asAdmin('GET', '/api/signup-links'), 200);
  return String(links.find((link) => link.label === label)!.id);
}
async function throwawayTeam(): Promise<string> {
  const sessionId = Number(await throwawaySession());
  const made = await succeeded<{ team: { id: number } }>(
    asAdmin('POST', `/api/associations/${associationOf('A')}/teams`, { sessionId, places: 1, captain: 'Kapten' }),
    201,
  );
  return String(made.team.id);
}
/** A yes to "Vill du hjälpa till?" on A's list: the row the outcome writes, as a fixture. */
async function newHelperOfA(): Promise<string> {
  const row = { associationId: associationOf('A'), listId: listOf('A'), name: 'Ny hjälpare', phone: freshNumber(), createdAt: Date.now() };
  const [made] = await roles.campaign.app.store.write((q) => q.db.insert(newHelpers).values(row).returning({ id: newHelpers.id }));
  return String(made!.id);
}

/** A throwaway campaign, and its name (the archive's confirmation names it). */
let campaignName = '';
async function throwawayCampaign(): Promise<string> {
  campaignName = `Engångskampanj ${(fresh += 1)}`;
  return String((await succeeded<{ id: number }>(asAdmin('POST', '/api/campaigns', { name: campaignName, startsOn: '2027-01-01' }), 201)).id);
}

type Statuses = Record<RoleCaller, number>;
/**
 * What a caller gets from a route that is not theirs: 403 for a valid token of another role; 401
 * for no token, a token of no one, and a station's token (which opens only the station socket).
 */
const REFUSED: Statuses = { admin: 403, associationA: 403, associationB: 403, leader1: 403, leader2: 403, screen: 403, station: 401, junk: 401, none: 401 };
/** The callers let in, with their statuses; everyone else is refused. */
const letIn = (granted: Partial<Statuses>): Statuses => ({ ...REFUSED, ...granted });
const PUBLIC = letIn(Object.fromEntries(ROLE_CALLERS.map((caller) => [caller, 200])));
const ADMIN_AND_LEADERS = letIn({ admin: 200, leader1: 200, leader2: 200 });
const BOARD_READERS = letIn({ admin: 200, leader1: 200, leader2: 200, screen: 200 });
/** The admin and the owner get `status`; the other association 404, as for a list that does not exist. */
const ownedBy = (owner: Owner, status: number) =>
  letIn({ admin: status, associationA: owner === 'A' ? status : 404, associationB: owner === 'B' ? status : 404 });

interface Row {
  /** The route as the OpenAPI document names it: method and path template. */
  route: string;
  /** What the row picks out, where a route has more than one row. */
  on?: string;
  /** Made afresh before each caller's request; the path's `target`. */
  target?: () => Promise<string>;
  /** Defaults to the route's own path. */
  path?: (target: string) => string;
  body?: () => unknown;
  csv?: string;
  expected: Statuses;
}

/** One row per list, A's and B's. */
const perList = (route: string, status: number, row: (owner: Owner) => Pick<Row, 'target' | 'path' | 'body' | 'csv'>): Row[] =>
  OWNERS.map((owner) => ({ route, on: `${owner}'s list`, expected: ownedBy(owner, status), ...row(owner) }));

const ROUTES: Row[] = [
  { route: 'GET /api/health', expected: PUBLIC },
  { route: 'GET /api/openapi.json', expected: PUBLIC },
  { route: 'GET /api/metrics', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/leaderboard', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/stats', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/shifts.csv', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/shifts.xlsx', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/access-links', expected: letIn({ admin: 200 }) },
  { route: 'DELETE /api/access-links/{id}', target: throwawayLink, path: (id) => `/api/access-links/${id}`, expected: letIn({ admin: 204 }) },
  { route: 'POST /api/leader-links', body: () => ({ roomId: 2 }), expected: letIn({ admin: 201 }) },
  // Without a room, a leader's screen link is for their own room.
  { route: 'POST /api/screen-links', body: () => ({}), expected: letIn({ admin: 201, leader1: 201, leader2: 201 }) },
  // Join links reach contacts: admin only, so a revoked leader keeps none.
  { route: 'GET /api/stations', expected: letIn({ admin: 200 }) },
  // A leader may renew the link of a remote station in their own room only; other stations are the admin's.
  { route: 'POST /api/stations/{number}/token', target: throwawayStation, path: (n) => `/api/stations/${n}/token`, expected: letIn({ admin: 200, leader1: 404, leader2: 404 }) },
  { route: 'POST /api/stations/{number}/token', on: 'a remote station', target: throwawayRemoteStation, path: (n) => `/api/stations/${n}/token`, expected: letIn({ admin: 200, leader1: 404, leader2: 200 }) },
  { route: 'POST /api/rooms/{id}/remote-stations', path: () => '/api/rooms/2/remote-stations', body: () => ({ name: 'Hemma' }), expected: letIn({ admin: 201, leader1: 404, leader2: 201 }) },
  // Station 1 is in room 1: room 2's leader is told it does not exist.
  { route: 'PUT /api/stations/{number}/list', path: () => '/api/stations/1/list', body: () => ({ listId: null }), expected: letIn({ admin: 200, leader1: 200, leader2: 404 }) },
  { route: 'GET /api/rooms', expected: ADMIN_AND_LEADERS },
  { route: 'POST /api/rooms', body: () => ({ name: 'Rum 3' }), expected: letIn({ admin: 201 }) },
  { route: 'POST /api/rooms/{id}/stations', path: () => '/api/rooms/2/stations', body: () => ({ count: 1 }), expected: letIn({ admin: 201 }) },
  { route: 'GET /api/volunteers', expected: ADMIN_AND_LEADERS },
  { route: 'GET /api/volunteers/find', path: () => '/api/volunteers/find?email=someone%40exempel.se', expected: letIn({ admin: 200 }) },
  { route: 'GET /api/volunteers.csv', expected: ADMIN_AND_LEADERS },
  { route: 'GET /api/volunteers.xlsx', expected: ADMIN_AND_LEADERS },
  { route: 'GET /api/standings', expected: BOARD_READERS },
  { route: 'GET /api/standings', on: 'room 2', path: () => '/api/standings?roomId=2', expected: BOARD_READERS },
  { route: 'GET /api/associations', expected: letIn({ admin: 200 }) },
  {
    route: 'POST /api/associations',
    body: () => ({ name: `Förening ${(fresh += 1)}`, municipality: { code: '0184', name: 'Solna' } }),
    expected: letIn({ admin: 201 }),
  },
  { route: 'POST /api/associations/{id}/access', path: () => `/api/associations/${associationOf('A')}/access`, body: () => ({}), expected: letIn({ admin: 201 }) },
  { route: 'GET /api/associations/{id}/access', path: () => `/api/associations/${associationOf('A')}/access`, expected: letIn({ admin: 200 }) },
  {
    route: 'DELETE /api/associations/{id}/access/{linkId}',
    target: throwawayAssociationLink,
    path: (id) => `/api/associations/${associationOf('A')}/access/${id}`,
    expected: letIn({ admin: 204 }),
  },
  // Every signed-in role reads the active campaigns (the board's switch); the admin alone makes, edits and archives them.
  { route: 'GET /api/campaigns', expected: letIn({ admin: 200, associationA: 200, associationB: 200, leader1: 200, leader2: 200, screen: 200 }) },
  { route: 'POST /api/campaigns', body: () => ({ name: `Kampanj ${(fresh += 1)}`, startsOn: '2027-01-01' }), expected: letIn({ admin: 201 }) },
  { route: 'PATCH /api/campaigns/{id}', target: throwawayCampaign, path: (id) => `/api/campaigns/${id}`, body: () => ({ endsOn: '2027-12-31' }), expected: letIn({ admin: 200 }) },
  {
    route: 'POST /api/campaigns/{id}/archive',
    target: throwawayCampaign,
    path: (id) => `/api/campaigns/${id}/archive`,
    body: () => ({ confirm: `ARKIVERA ${campaignName}` }),
    expected: letIn({ admin: 200 }),
  },
  { route: 'GET /api/lists', expected: letIn({ admin: 200, associationA: 200, associationB: 200 }) },
  // An association makes lists for itself only.
  ...OWNERS.map((owner): Row => ({
    route: 'POST /api/lists',
    on: `for ${owner}`,
    body: () => ({ name: 'Ny lista', associationId: associationOf(owner) }),
    expected: letIn({ admin: 201, associationA: owner === 'A' ? 201 : 403, associationB: owner === 'B' ? 201 : 403 }),
  })),
  ...perList('GET /api/lists/{id}/progress', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/progress` })),
  ...perList('GET /api/lists/{id}/export.csv', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/export.csv` })),
  ...perList('GET /api/lists/{id}/attempts.csv', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/attempts.csv` })),
  ...perList('GET /api/lists/{id}/export.xlsx', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/export.xlsx` })),
  ...perList('GET /api/lists/{id}/attempts.xlsx', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/attempts.xlsx` })),
  ...perList('POST /api/lists/{id}/import', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/import`, csv: contactsFile(902) })),
  ...perList('GET /api/lists/{id}/import-progress', 200, (owner) => ({
    path: () => `/api/lists/${listOf(owner)}/import-progress?importId=${IMPORT_IDS[owner]}`,
  })),
  ...perList('PATCH /api/lists/{id}', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}`, body: () => ({ notesEnabled: true }) })),
  ...perList('DELETE /api/lists/{id}', 204, (owner) => ({ target: () => throwawayList(owner), path: (id) => `/api/lists/${id}` })),
  // Questions asked in the call: the list's association and the admin; a campaign's: the admin.
  ...perList('GET /api/lists/{id}/questions', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/questions` })),
  ...perList('PUT /api/lists/{id}/questions', 200, (owner) => ({
    path: () => `/api/lists/${listOf(owner)}/questions`,
    body: () => ({ questions: [{ key: 'will_vote', kind: 'yes_no', text: { sv: 'Tänker du rösta?' } }] }),
  })),
  // Totals of answers (political opinions): the list's association and the admin only, never a leader.
  ...perList('GET /api/lists/{id}/answers', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/answers` })),
  { route: 'GET /api/campaigns/{id}/questions', path: () => '/api/campaigns/1/questions', expected: letIn({ admin: 200 }) },
  {
    route: 'PUT /api/campaigns/{id}/questions',
    path: () => '/api/campaigns/1/questions',
    body: () => ({ questions: [{ key: 'care', kind: 'scale', text: { sv: 'Hur viktigt?' } }] }),
    expected: letIn({ admin: 200 }),
  },
  { route: 'GET /api/do-not-call', expected: letIn({ admin: 200 }) },
  { route: 'POST /api/do-not-call', body: () => ({ phones: [freshNumber()] }), expected: letIn({ admin: 200 }) },
  { route: 'POST /api/do-not-call/import', csv: `telefon\r\n${phoneNumber(903)}\r\n`, expected: letIn({ admin: 200 }) },
  {
    route: 'DELETE /api/do-not-call/{phone}',
    target: registeredNumber,
    path: (phone) => `/api/do-not-call/${encodeURIComponent(phone)}`,
    expected: letIn({ admin: 204 }),
  },
  { route: 'DELETE /api/people/{phone}', target: listedPerson, path: (phone) => `/api/people/${encodeURIComponent(phone)}`, expected: letIn({ admin: 200 }) },
  // An unknown volunteer: the admin is told 404, every other caller is refused before that.
  { route: 'DELETE /api/volunteers/{id}', path: () => '/api/volunteers/999999', expected: letIn({ admin: 404 }) },
  { route: 'GET /api/audit', expected: letIn({ admin: 200 }) },
  // Filling the room: a leader steers their own room's sessions and sign-up links only.
  { route: 'POST /api/rooms/{id}/sessions', path: () => '/api/rooms/2/sessions', body: freshSlot, expected: letIn({ admin: 201, leader1: 403, leader2: 201 }) },
  { route: 'PUT /api/rooms/{id}/address', path: () => '/api/rooms/2/address', body: () => ({ address: 'Storgatan 1' }), expected: letIn({ admin: 200, leader1: 403, leader2: 200 }) },
  { route: 'GET /api/rooms/{id}/sessions', path: () => '/api/rooms/2/sessions', expected: letIn({ admin: 200, leader1: 403, leader2: 200 }) },
  { route: 'PATCH /api/sessions/{id}', target: throwawaySession, path: (id) => `/api/sessions/${id}`, body: () => ({ capacity: 1 }), expected: letIn({ admin: 200, leader1: 404, leader2: 200 }) },
  { route: 'DELETE /api/sessions/{id}', target: throwawaySession, path: (id) => `/api/sessions/${id}`, expected: letIn({ admin: 204, leader1: 404, leader2: 204 }) },
  // Without a room, a leader's sign-up link is for their own room.
  { route: 'POST /api/signup-links', body: () => ({}), expected: letIn({ admin: 201, leader1: 201, leader2: 201 }) },
  { route: 'GET /api/signup-links', expected: ADMIN_AND_LEADERS },
  { route: 'DELETE /api/signup-links/{id}', target: throwawaySignupLink, path: (id) => `/api/signup-links/${id}`, expected: letIn({ admin: 204, leader1: 404, leader2: 204 }) },
  // Opened by sign-up, team and personal links only, which no caller here holds (sign-up.test.ts and others walk those).
  { route: 'GET /api/signup/sessions', expected: REFUSED },
  { route: 'POST /api/signup/bookings', body: () => ({ sessionIds: [1], name: 'Kim', associationId: 1, email: 'kim@example.org', consent: true }), expected: REFUSED },
  { route: 'GET /api/me', expected: REFUSED },
  { route: 'DELETE /api/me', expected: REFUSED },
  { route: 'POST /api/me/bookings', body: () => ({ sessionIds: [1] }), expected: REFUSED },
  { route: 'DELETE /api/me/bookings/{id}', path: () => '/api/me/bookings/1', expected: REFUSED },
  { route: 'GET /api/me/calendar.ics', expected: REFUSED },
  { route: 'GET /api/me/sessions', expected: REFUSED },
  // An association makes and sees its own teams and pledges; another's teams answer 404, as its lists do.
  {
    route: 'POST /api/associations/{id}/teams',
    target: sessionForTeam,
    path: () => `/api/associations/${associationOf('A')}/teams`,
    body: () => ({ sessionId: Number(targetSession), places: 1, captain: 'Kapten' }),
    expected: ownedBy('A', 201),
  },
  { route: 'GET /api/associations/{id}/teams', path: () => `/api/associations/${associationOf('A')}/teams`, expected: ownedBy('A', 200) },
  { route: 'GET /api/associations/{id}/sessions', path: () => `/api/associations/${associationOf('A')}/sessions`, expected: ownedBy('A', 200) },
  {
    route: 'DELETE /api/associations/{id}/teams/{teamId}',
    target: throwawayTeam,
    path: (id) => `/api/associations/${associationOf('A')}/teams/${id}`,
    expected: ownedBy('A', 204),
  },
  ...OWNERS.map((owner): Row => ({
    route: 'POST /api/pledges',
    on: `for ${owner}`,
    body: () => ({ name: 'Kandidat', associationId: associationOf(owner), shifts: 2, by: '2027-09-12' }),
    expected: letIn({ admin: 201, associationA: owner === 'A' ? 201 : 403, associationB: owner === 'B' ? 201 : 403 }),
  })),
  { route: 'GET /api/pledges', expected: letIn({ admin: 200, leader1: 200, leader2: 200, associationA: 200, associationB: 200 }) },
  // Comparing campaigns: everyone who plans; an association sees its own figures (compare-campaigns.test.ts).
  { route: 'GET /api/campaigns/comparable', expected: letIn({ admin: 200, leader1: 200, leader2: 200, associationA: 200, associationB: 200 }) },
  {
    route: 'GET /api/campaigns/compare',
    path: () => '/api/campaigns/compare?ids=1&axis=start',
    expected: letIn({ admin: 200, leader1: 200, leader2: 200, associationA: 200, associationB: 200 }),
  },
  // Planning: without a room, a leader's view is of their own room; another room answers 404.
  { route: 'GET /api/mobilisation', expected: ADMIN_AND_LEADERS },
  { route: 'GET /api/mobilisation', on: 'room 2', path: () => '/api/mobilisation?roomId=2', expected: letIn({ admin: 200, leader1: 404, leader2: 200 }) },
  // Names and contact details: the association itself and the admin only.
  {
    route: 'GET /api/associations/{id}/returning-volunteers',
    path: () => `/api/associations/${associationOf('A')}/returning-volunteers`,
    expected: ownedBy('A', 200),
  },
  // Changes back to the association: its own lists' and its own helpers only, as its other exports.
  ...perList('GET /api/lists/{id}/changes.csv', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/changes.csv` })),
  ...perList('GET /api/lists/{id}/changes.xlsx', 200, (owner) => ({ path: () => `/api/lists/${listOf(owner)}/changes.xlsx` })),
  { route: 'GET /api/associations/{id}/new-helpers', path: () => `/api/associations/${associationOf('A')}/new-helpers`, expected: ownedBy('A', 200) },
  {
    route: 'POST /api/associations/{id}/new-helpers/{helperId}/sent',
    target: newHelperOfA,
    path: (id) => `/api/associations/${associationOf('A')}/new-helpers/${id}/sent`,
    expected: ownedBy('A', 200),
  },
];

/** Wipes the whole campaign: walked last, on a campaign of its own. */
const PURGE: Row = { route: 'POST /api/purge', body: () => ({ confirm: PURGE_CONFIRMATION }), expected: letIn({ admin: 200 }) };

const nameOf = (row: Row) => (row.on ? `${row.route} (${row.on})` : row.route);

async function walk(on: Roles, row: Row): Promise<Statuses> {
  const [method, template] = row.route.split(' ') as [string, string];
  const actual = {} as Statuses;
  for (const caller of ROLE_CALLERS) {
    const target = (await row.target?.()) ?? '';
    const path = row.path?.(target) ?? template;
    const token = on.tokens[caller];
    const response =
      row.csv === undefined ? await api(on.campaign.url, method, path, token, row.body?.()) : await postCsv(on.campaign.url, path, token, row.csv);
    await response.body?.cancel();
    actual[caller] = response.status;
  }
  return actual;
}

describe('the HTTP role matrix', () => {
  it.each(ROUTES.map((row) => [nameOf(row), row] as const))('%s', async (_name, row) => {
    expect(await walk(roles, row)).toEqual(row.expected);
  });

  it('has a row for every route the OpenAPI document describes, and none it does not', async () => {
    const document = (await (await api(roles.campaign.url, 'GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const walked = new Set([...ROUTES, PURGE].map((row) => row.route));
    expect(described.filter((route) => !walked.has(route))).toEqual([]);
    // The document itself is the one route it leaves out.
    expect([...walked].filter((route) => !described.includes(route))).toEqual(['GET /api/openapi.json']);
  });
});

describe('the HTTP role matrix: the purge, on a campaign of its own', () => {
  let own: Roles;
  beforeAll(async () => {
    own = await startRoles();
  });
  afterAll(async () => {
    await own?.campaign.close();
  });

  it(nameOf(PURGE), async () => {
    expect(await walk(own, PURGE)).toEqual(PURGE.expected);
  });
});
