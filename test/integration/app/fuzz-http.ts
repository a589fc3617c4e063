// Hostile HTTP requests for the fuzz test, sent with node:http (so any method may carry a body)
// or as raw bytes on a TCP socket (so even the request line can be broken).
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { anyString, farDate, junkValue, nanLikeString, oddNumber, textWithControl } from '../../helpers/hostile-payloads.ts';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** A header value node:http agrees to send: no CR, LF or NUL, nothing above U+00FF. */
const latin1 = fc
  .integer({ min: 0x20, max: 0xff })
  .filter((code) => code !== 0x7f)
  .map((code) => String.fromCharCode(code));
const headerValue = fc.oneof(
  fc.string({ unit: latin1, maxLength: 300 }),
  nanLikeString,
  oddNumber.map(String),
  fc.integer({ min: 1_000, max: 12_000 }).map((length) => 'h'.repeat(length)),
);

/** Unicode text that URL encoding accepts (lone surrogates go through raw bytes and socket frames instead). */
const wellFormed = anyString.map((text) => text.replace(/[\ud800-\udfff]/gu, '?'));

const route = fc.constantFrom(
  '/api/health',
  '/api/stations',
  '/api/leaderboard',
  '/api/stats',
  '/api/metrics',
  '/api/lists',
  '/api/openapi.json',
  '/',
  '/station',
  '/api/rooms',
  '/api/rooms/1/stations',
  '/api/stations/1/list',
  '/api/leader-links',
  '/api/access-links',
  // No link exists in the fuzzed campaign, so a DELETE here finds nothing to revoke.
  '/api/access-links/1',
  '/api/standings',
  '/api/shifts.csv',
  '/api/shifts.xlsx',
  '/api/volunteers',
  '/api/volunteers.csv',
  '/api/volunteers.xlsx',
  // Filling the room: no session, team or pledge exists in the fuzzed campaign, and no body the
  // fuzzer makes is a valid one. Not '/api/signup-links': `{}` is valid there and makes a link.
  '/api/rooms/1/sessions',
  '/api/sessions/1',
  '/api/signup/sessions',
  '/api/signup/bookings',
  '/api/me',
  '/api/me/bookings/1',
  '/api/me/calendar.ics',
  '/api/pledges',
  '/api/associations/1/teams',
  // Figures only, read without a trace. Not '/api/associations/1/returning-volunteers': each read is audited (a row).
  '/api/mobilisation',
  // Not the list exports: the admin token would add audit rows.
  // Not '/api/screen-links': `{}` is a valid body there, and the admin token would make a link (a row).
);
const odd = fc.constantFrom(
  '/api',
  '/api/',
  '/api/unknown',
  '/api/health/',
  '//api//health',
  '/assets/../../../../etc/passwd',
  '/assets/%2e%2e/%2e%2e/etc/passwd',
  '/assets/%00',
  '/api/%zz',
  '/%',
  '/%E0%A4%A',
  '/api/stations;x=1',
  '/socket.io/?EIO=99&transport=junk',
);
const path = fc.oneof(
  { arbitrary: route, weight: 4 },
  { arbitrary: odd, weight: 2 },
  { arbitrary: fc.webPath(), weight: 1 },
  { arbitrary: wellFormed.map((segment) => `/api/${encodeURIComponent(segment)}`), weight: 1 },
  { arbitrary: fc.integer({ min: 20_000, max: 120_000 }).map((length) => `/api/${'p'.repeat(length)}`), weight: 1 },
);
const query = fc.oneof(
  fc.constant(''),
  fc.webQueryParameters().map((q) => `?${q}`),
  fc.constantFrom('?sep=semicolon', '?sep=comma', '?sep=tab', '?sep=;', '?sep=semicolon&sep=comma', '?a[b][c]=1', '?__proto__[admin]=1', '?constructor[prototype][x]=1', '?a=1&a=2&a=3', '?%zz=%', '?limit=-1&offset=1e309'),
  // Personal data in a query string: the request log must never show it (LOGGED_SECRETS).
  fc.constantFrom('?fileName=Anna%20Svensson%20070-123%2045%2067.csv', '?phone=%2B46701234567&name=Anna%20Svensson'),
  fc
    .array(fc.tuple(wellFormed, fc.oneof(wellFormed, farDate.map(String), oddNumber.map(String))), { maxLength: 4 })
    .map((pairs) => `?${new URLSearchParams(pairs).toString()}`),
);

const authorization = fc.oneof(
  fc.constant(`Bearer ${ADMIN_TOKEN}`),
  headerValue.map((value) => `Bearer ${value}`),
  headerValue,
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `bearer ${ADMIN_TOKEN}`, `Bearer  ${ADMIN_TOKEN}`),
);
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    '',
  ),
  headerValue,
);
const headers = fc.record(
  {
    authorization,
    'content-type': contentType,
    accept: headerValue,
    'x-forwarded-for': fc.oneof(headerValue, fc.constantFrom('fe80::1%eth0', '::ffff:999.1.1.1', '1.2.3.4, , ,', '999.999.999.999')),
    'x-forwarded-host': headerValue,
    'x-forwarded-proto': headerValue,
    cookie: headerValue,
    'x-junk': headerValue,
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.json().map((text) => Buffer.from(text)),
  junkValue.map((value) => Buffer.from(JSON.stringify(value) ?? 'undefined')),
  anyString.map((text) => Buffer.from(text)),
  fc
    .constantFrom('{', '[', 'null', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}')
    .map((text) => Buffer.from(text)),
  fc.integer({ min: 2_000, max: 10_000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  fc.integer({ min: 100_000, max: 1_200_000 }).map((length) => Buffer.from(`{"note":"${'x'.repeat(length)}"}`)),
  // Otherwise valid bodies (a room, a list, a leader link) whose typed text carries a control character.
  textWithControl
    .chain((text) => fc.constantFrom({ name: text }, { roomId: 1, label: text }, { name: text, associationId: 1 }))
    .map((value) => Buffer.from(JSON.stringify(value))),
);

/** What the queries above carry, in the forms a log could show it: none may reach the log. */
export const LOGGED_SECRETS = ['Anna', 'Svensson', '070-123', '701234567', '123 45 67', '123%2045'];

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    path: fc.tuple(path, query).map(([p, q]) => p + q),
    headers,
    body: fc.option(body, { nil: undefined }),
  })
  .map((request) => (request.method === 'HEAD' ? { ...request, body: undefined } : request));

export interface FuzzResponse {
  status: number;
  contentType: string;
  body: string;
}

export function rawRequest(baseUrl: string, request: FuzzRequest): Promise<FuzzResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answer: FuzzResponse | undefined;
    const chunks: Buffer[] = [];
    const finish = () => {
      if (answer) resolve({ ...answer, body: Buffer.concat(chunks).toString('utf8') });
      else reject(new Error(`${request.method} ${request.path.slice(0, 80)}: connection closed without an answer`));
    };
    const options = { host: hostname, port, method: request.method, path: request.path, headers: request.headers, agent: false };
    const outgoing = httpRequest(options, (response) => {
      answer = { status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '', body: '' };
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', finish);
      response.on('error', finish);
    });
    // The server may answer (413, 431) and close before a large body is written, or send a body
    // after a HEAD (Fastify's parser-level errors do): once answered, a broken pipe is no failure.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (answer || error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      reject(error);
    });
    outgoing.on('close', finish);
    outgoing.end(request.body);
  });
}

/** Writes `text` on a bare TCP connection and resolves the status the server answered, or null if it only closed. */
export function sendRaw(baseUrl: string, text: string): Promise<number | null> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      resolve(status ? Number(status) : null);
    };
    // An incomplete request leaves the server waiting for more: that is fine, so give up after a while.
    const timer = setTimeout(done, 1_000);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.end(text);
  });
}
