import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zCheckinInput, zFailure, zFlagInput } from '@ringstuga/shared';
import { phoneNumber } from '../../factories/campaign.ts';
import { manyRowsFile } from '../../factories/import-files.ts';
import { assignmentOf, startCampaign, type CampaignServer } from '../../helpers/campaign-server.ts';
import { snapshotTables } from '../../helpers/db-snapshot.ts';
import { ADMIN_TOKEN } from '../../helpers/server.ts';
import { anyString, hostileWorkbook, junkValue, nanLikeString, nearlyValidReport, nearlyValidSkip, oddNumber, textWithControl } from '../../helpers/hostile-payloads.ts';
import { connectStation, type StationClient } from '../../helpers/station-client.ts';
import { waitForEvent } from '../../helpers/wait-for-event.ts';
import { fuzzRequest, LOGGED_SECRETS, sendRaw, rawRequest, type FuzzRequest } from './fuzz-http.ts';

// 300 of each take about two seconds; FUZZ_RUNS=3000 searches deeper.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
// Hundreds of runs each reading every table back: seconds on SQLite, about eight on PostgreSQL alone,
// and four times that on a CI machine running the other suites beside it. A guard against a hang, as the property tests'.
const LOOP = { timeout: 120_000 };

let campaign: CampaignServer;
const logLines: { level: number; msg?: string; req?: Record<string, unknown> }[] = [];
const logText: string[] = [];
const crashes: unknown[] = [];
const recordCrash = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  process.on('uncaughtException', recordCrash);
  process.on('unhandledRejection', recordCrash);
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logText.push(String(chunk));
      logLines.push(JSON.parse(String(chunk)) as { level: number; msg?: string });
      done();
    },
  });
  campaign = await startCampaign({
    lists: [{ phones: [phoneNumber(1), phoneNumber(2), phoneNumber(3)] }, { phones: [phoneNumber(1), phoneNumber(4)] }],
    stations: 3,
    // info: the request log is fuzzed too (it must show route patterns only, never paths or queries).
    logger: { level: 'info', stream },
    // Junk tokens would block 127.0.0.1 after 20: at 100 most of the run still reaches the admin
    // routes with the right token, and the 429 path is fuzzed too.
    env: { AUTH_FAILURES_PER_MINUTE: '100' },
  });
});

afterAll(async () => {
  await campaign?.close();
  process.off('uncaughtException', recordCrash);
  process.off('unhandledRejection', recordCrash);
});

// PostgreSQL's tables for what SQLite keeps in memory (each node's heartbeat, its open connections,
// the socket.io adapter's large broadcasts): they move with connections and time, not with data.
const NODE_STATE = new Set(['realtime_nodes', 'realtime_presence', 'socket_io_attachments']);

/** Every data table's rows, digested, read through the store (on SQLite the migrations journal too). */
const allRows = async () => Object.fromEntries(Object.entries(await snapshotTables(campaign.app.store)).filter(([name]) => !NODE_STATE.has(name)));

// The station's socket with the types taken off: a hostile client sends whatever it likes.
interface RawEmitter {
  emit(event: unknown, ...args: unknown[]): void;
  timeout(ms: number): { emitWithAck(event: unknown, ...args: unknown[]): Promise<unknown> };
}

const STATION_EVENTS = ['contact:next', 'call:outcome', 'contact:skip'];
// A valid check-in or flag changes rows, so these get only payloads their schema refuses. Check-out
// takes no payload (any call would end the shift), so it goes only without an acknowledgement, which the server ignores.
const REFUSED_ONLY = { 'station:checkin': zCheckinInput, 'call:flag': zFlagInput };
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

interface SocketCall {
  event: string | number;
  args: unknown[];
  /** `function`: an acknowledgement; `none`: no callback at all; `junk`: a last argument that is not a function. */
  ack: 'function' | 'none' | 'junk';
}

function socketCall(assignmentId: string): fc.Arbitrary<SocketCall> {
  const payload = fc.oneof(junkValue, nearlyValidReport(assignmentId), nearlyValidSkip(assignmentId));
  const event = fc.oneof(
    { arbitrary: fc.constantFrom(...STATION_EVENTS), weight: 6 },
    { arbitrary: fc.constantFrom('station:hello', 'leaderboard:update', 'admin:reset', '__proto__', 'constructor', 'toString'), weight: 1 },
    { arbitrary: anyString.filter((name) => !RESERVED.has(name)), weight: 1 },
    { arbitrary: fc.integer({ min: -5, max: 5 }), weight: 1 },
  );
  const ack = fc.constantFrom('function', 'none', 'junk') as fc.Arbitrary<SocketCall['ack']>;
  const refused = fc
    .record({ event: fc.constantFrom(...(Object.keys(REFUSED_ONLY) as (keyof typeof REFUSED_ONLY)[])), args: fc.array(junkValue, { maxLength: 3 }), ack })
    // Only the first argument is parsed, and only when an acknowledgement follows it.
    .filter((call) => call.ack !== 'function' || !REFUSED_ONLY[call.event].safeParse(overTheWire(call.args[0])).success);
  const checkout = fc.record({
    event: fc.constant('station:checkout'),
    args: fc.array(payload, { maxLength: 3 }),
    ack: fc.constantFrom('none', 'junk') as fc.Arbitrary<SocketCall['ack']>,
  });
  return fc
    .oneof(
      { arbitrary: fc.record({ event, args: fc.array(payload, { maxLength: 3 }), ack }), weight: 8 },
      { arbitrary: refused, weight: 2 },
      { arbitrary: checkout, weight: 1 },
    )
    .filter((call) => Buffer.byteLength(JSON.stringify([call.event, ...call.args]) ?? '') < 60_000);
}

/** Sends a call; with an acknowledgement, resolves its answer, else undefined once the server has processed it. */
async function send(station: StationClient, call: SocketCall, heldId: string): Promise<unknown> {
  const raw = station as unknown as RawEmitter;
  if (call.ack === 'function') return raw.timeout(2_000).emitWithAck(call.event, ...call.args);
  raw.emit(call.event, ...call.args, ...(call.ack === 'junk' ? ['not a function'] : []));
  // Events are handled in order: once this one is answered, the call above has been processed.
  expect(await station.emitWithAck('contact:next')).toMatchObject({ ok: true, assignment: { id: heldId } });
  return undefined;
}

function expectAnswer(call: SocketCall, answer: unknown, heldId: string): void {
  if (call.event === 'contact:next' && (answer as { ok?: unknown }).ok === true) {
    // contact:next takes no payload; whatever comes with it, the station resumes what it holds.
    expect(answer).toMatchObject({ ok: true, assignment: { id: heldId } });
    return;
  }
  const failure = zFailure.parse(answer);
  expect(failure.error.message.length).toBeGreaterThan(3);
  expect(['internal', 'unavailable']).not.toContain(failure.error.code);
}

describe('socket events with hostile payloads', LOOP, () => {
  it('are answered with { ok: false, error } (or nothing without a callback), keep the connection and change no row', async () => {
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const before = await allRows();
    await fc.assert(
      fc.asyncProperty(socketCall(held.id), async (call) => {
        const answer = await send(station, call, held.id);
        if (call.ack === 'function') expectAnswer(call, answer, held.id);
        expect(station.connected).toBe(true);
        expect(await allRows()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuse typed text with a control character or direction override (check-in name, flag, note) and change no row', async () => {
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    const before = await allRows();
    const calls = textWithControl.chain((text) =>
      fc.constantFrom(
        ['station:checkin', { name: text, associationId: null }] as const,
        ['call:flag', { message: text }] as const,
        ['call:outcome', { assignmentId: held.id, outcome: 'conversation', note: text }] as const,
      ),
    );
    await fc.assert(
      fc.asyncProperty(calls, async ([event, payload]) => {
        const answer = await (station as unknown as RawEmitter).timeout(2_000).emitWithAck(event, payload);
        expect(zFailure.parse(answer).error.code).toBe('invalid_payload');
        expect(await allRows()).toEqual(before);
      }),
      { numRuns: Math.min(RUNS, 100) },
    );
  });

  it('close only the offending connection for a frame over 64 kB (100 kB–1 MB), and change no row', async () => {
    const bystander = await campaign.join(1);
    const before = await allRows();
    for (const size of [100_000, 1_000_000]) {
      const station = await campaign.join(2, { checkin: false });
      const closed = waitForEvent(station, 'disconnect');
      const report = { assignmentId: 'x', outcome: 'conversation', note: 'é'.repeat(size) };
      (station as unknown as RawEmitter).emit('call:outcome', report, () => {});
      expect(await closed).toMatch(/transport (close|error)/);
    }
    expect(bystander.connected).toBe(true);
    expect(await bystander.emitWithAck('contact:next')).toMatchObject({ ok: true });
    const after = await allRows();
    // The bystander's claim may create its one assignment (hold its contacts, and mark its shift active); nothing else moves.
    const moved = { assignments: [], contacts: [], shifts: [] };
    expect({ ...after, ...moved }).toEqual({ ...before, ...moved });
  });

  it('that break the socket.io protocol itself close only that connection', async () => {
    const frames = fc.oneof(
      anyString,
      fc.constantFrom(
        '42/station,["connect"]',
        '42/station,',
        '4',
        '42/station,[{}]',
        '43/station,1[]',
        '451-/station,["call:outcome",{"_placeholder":true,"num":9}]',
      ),
    );
    await fc.assert(
      fc.asyncProperty(frames, async (frame) => {
        const station = await connectStation(campaign.url, campaign.stations[2]!.token);
        station.io.engine.send(frame);
        // Either the server ignores the frame, or it drops this one connection; it keeps answering others.
        await new Promise((resolve) => setTimeout(resolve, 5));
        station.close();
        expect((await fetch(`${campaign.url}/api/health`)).status).toBe(200);
      }),
      { numRuns: 30 },
    );
  });
});

describe('HTTP routes with hostile requests', LOOP, () => {
  it('answer below 500, with a JSON error body whenever they refuse, and change no row', async () => {
    const before = await allRows();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request: FuzzRequest) => {
        const response = await rawRequest(campaign.url, request);
        expect(response.status, `${request.method} ${request.path.slice(0, 80)}`).toBeLessThan(500);
        if (response.status >= 400 && request.method !== 'HEAD') {
          expect(response.contentType).toMatch(/^application\/json/);
          // { error: { code, message } } from the API; socket.io's transport answers { code, message }.
          const body = JSON.parse(response.body) as { error?: unknown; message?: unknown };
          expect(body.error ?? body.message).toBeTruthy();
        }
        expect(await allRows()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('survive malformed HTTP at the byte level with a 4xx or a closed connection', async () => {
    const junkLine = fc.oneof(anyString, nanLikeString, oddNumber.map(String));
    const raw = fc.oneof(
      fc.constantFrom(
        'GET /api/health HTTP/1.1\r\nHost: x\r\nX-Junk: a\u0000b\r\n\r\n',
        'GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        'POST /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        'GET /api/health HTTP/9.9\r\n\r\n',
        'GET \u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n',
        `GET /api/stats HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`,
      ),
      junkLine.map((line) => `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Junk: ${line}\r\n\r\n`),
      junkLine.map((line) => `${line}\r\n\r\n`),
    );
    await fc.assert(
      fc.asyncProperty(raw, async (text) => {
        const status = await sendRaw(campaign.url, text);
        if (status !== null) expect(status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});

// Each import starts a parser worker (a second or two on a loaded machine): a few dozen runs.
const IMPORT_RUNS = Number(process.env.FUZZ_IMPORT_RUNS ?? 12);

async function importFile(file: Buffer, contentType: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${campaign.url}/api/lists/1/import?dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
    body: file,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('import files with hostile contents', LOOP, () => {
  it('workbooks (zip bombs, lying sizes, broken zips and XML) are read or refused with 400/413, never 500, and change no row', { timeout: 180_000 }, async () => {
    const before = await allRows();
    await fc.assert(
      fc.asyncProperty(hostileWorkbook, async (file) => {
        const { status, body } = await importFile(file, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect([200, 400, 413]).toContain(status);
        // A workbook cut at its first byte is no body at all: refused before it is read as a file.
        const refusal = file.length === 0 ? 'bad_request' : 'bad_file';
        if (status !== 200) expect(body).toMatchObject({ error: { code: status === 400 ? refusal : 'too_large' } });
        expect(await allRows()).toEqual(before);
      }),
      { numRuns: IMPORT_RUNS },
    );
  });

  it('a CSV rejecting thousands of rows is answered with the first 1,000 and the count', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_001, max: 30_000 }), fc.constantFrom('', '12345', 'x'), async (rows, phone) => {
        const { status, body } = await importFile(Buffer.from(manyRowsFile(rows, (i) => `Person ${i};${phone}`)), 'text/csv');
        expect(status).toBe(200);
        expect(body.rejected).toHaveLength(1_000);
        expect(body.rejectedCount).toBe(rows);
      }),
      { numRuns: 4 },
    );
  });
});

describe('after the fuzzing', () => {
  it('the server is healthy, still records a real call, and logged no warning, error or uncaught exception', async () => {
    expect((await fetch(`${campaign.url}/api/health`)).status).toBe(200);
    const station = await campaign.join(0);
    const held = assignmentOf(await station.emitWithAck('contact:next'));
    await expect(station.emitWithAck('call:outcome', { assignmentId: held.id, outcome: 'conversation' })).resolves.toEqual({ ok: true });
    expect(crashes).toEqual([]);
    expect(logLines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('logged every request by its route pattern only: no path, no query string, none of the names and numbers sent', () => {
    const requests = logLines.flatMap((line) => (line.req ? [line.req] : []));
    // Requests refused before routing (a broken URL, oversized headers) log no request line.
    expect(requests.length).toBeGreaterThan(RUNS / 2);
    for (const req of requests) {
      expect(Object.keys(req).sort()).toEqual(['method', 'remoteAddress', 'route']);
      expect(String(req.route)).toMatch(/^(\(no route\)|\/[\w\-./:*]*)$/);
    }
    const log = logText.join('');
    expect(LOGGED_SECRETS.filter((secret) => log.includes(secret))).toEqual([]);
  });
});
