// One simulated station: a real socket.io client that loops contact:next → human pause →
// call:outcome, as the station page does. A library, so the CLI, the benchmark and the tests
// drive the same code. Every answer is parsed with the shared schemas, as any client must.
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import {
  STATION_NAMESPACE,
  zContactNextResult,
  zExpectedVolunteer,
  zFailure,
  zOkResult,
  zShiftResult,
  zStationHello,
  type EmptyReason,
  type Outcome,
  type StationClientToServerEvents,
  type StationServerToClientEvents,
} from '@ringstuga/shared';
import { callbackDelayMs, planAttempt, type AttemptPlan } from './human-pace.ts';
import { emptyStats, type AttemptBudget, type StationBotStats } from './bot-stats.ts';
import { drawOutcome, type Random } from './outcome-mix.ts';

export type BotSocket = Socket<StationServerToClientEvents, StationClientToServerEvents>;

/** Why a bot ended: asked to, out of time or attempts, nothing left to call, refused, or failing. */
export type StopReason = 'stopped' | 'deadline' | 'max_attempts' | 'list_empty' | 'refused' | 'errors';

export interface StationBotOptions {
  url: string; // the server's origin, e.g. http://127.0.0.1:3000
  token: string; // the station's join token
  random: Random;
  speed: number; // human time is divided by this; Infinity: no pauses at all (a closed loop)
  maxAttempts?: number;
  budget?: AttemptBudget;
  deadline?: number; // epoch ms
  stopWhenEmpty?: boolean; // stop on `list_empty` (nothing ready, cooling down or held anywhere)
  emptyRetryMs?: number; // longest wait when nothing is offered, human ms (divided by speed); 30 s
  ackTimeoutMs?: number; // 10 s
  noteShare?: number; // share of attempts with a short note; 0.15
  maxConsecutiveErrors?: number; // then the bot gives up; 50
  volunteer?: string; // the name it checks in with; 'Bot'
  associationId?: number | null; // whose lists it calls; null (every list)
  languages?: string[]; // what it checks in with; Swedish only by default
  /** Bookings its volunteer checks in with (`station:checkin { bookingId }`) once the station lists them as expected now. */
  bookings?: number[];
  /** Replaces the human pace, e.g. a fixed cycle time for a steady-pace benchmark. */
  plan?: (outcome: Outcome, random: Random) => AttemptPlan;
}

// Never poll or retry faster than this, whatever the speed: a failing server must not be hammered.
const MIN_WAIT_MS = 25;
const ERROR_BACKOFF_MS = 2_000;
const NOTES = ['Trevligt samtal', 'Ring efter 18', 'Vill ha material hem', 'Kort om tid', 'Frågade om vallokalen'];

type Pending = { assignmentId: string; outcome: Outcome; note?: string; callbackDelayMs?: number };
type Answer<T> = { kind: 'ok'; data: Extract<T, { ok: true }> } | { kind: 'lost' | 'refused' };

export class StationBot {
  readonly stats: StationBotStats = emptyStats();
  readonly socket: BotSocket;
  /** Resolves with the reason once the loop has ended and the socket is closed. */
  readonly done: Promise<StopReason>;
  private stopReason: StopReason | undefined;
  private readonly abort = new AbortController();
  private pending: Pending | undefined;
  private consecutiveErrors = 0;
  private started = false;
  private resolveDone!: (reason: StopReason) => void;
  /** Who the station lists as expected now, as the server last said. */
  private expected = new Set<number>();
  /** Bookings already checked in with (or refused): each is tried once. */
  private readonly triedBookings = new Set<number>();

  constructor(private readonly options: StationBotOptions) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.socket = io(`${options.url}${STATION_NAMESPACE}`, {
      auth: { token: options.token },
      transports: ['websocket'],
      forceNew: true,
      autoConnect: false,
      ackTimeout: options.ackTimeoutMs ?? 10_000,
      reconnectionDelay: 200,
      reconnectionDelayMax: 2_000,
    });
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.stats.disconnects += 1;
      // A server that drops us on purpose (a graceful restart) is not retried by socket.io itself.
      if (reason === 'io server disconnect') setTimeout(() => this.stopReason || this.socket.connect(), 500).unref();
    });
    // The station's "expected now" list, as a volunteer at the check-in form sees it.
    const expect = (list: unknown) => {
      const parsed = z.array(zExpectedVolunteer).safeParse(list);
      if (parsed.success) this.expected = new Set(parsed.data.map((e) => e.bookingId));
    };
    if (options.bookings?.length) {
      this.socket.on('station:hello', (hello) => expect(zStationHello.safeParse(hello).data?.expected ?? []));
      this.socket.on('station:expected', expect);
    }
    this.socket.on('connect_error', () => {
      // Inactive after an error: the server refused the handshake (a bad token), so retrying is pointless.
      if (this.socket.active) return;
      this.countError('refused');
      this.finish('refused');
    });
  }

  /** Why the bot is ending or has ended; undefined while it runs. */
  get stopped(): StopReason | undefined {
    return this.stopReason;
  }

  /** Connects and runs until a limit, `stop()` or a fatal error; see `done`. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    const { deadline } = this.options;
    const timer = deadline === undefined ? undefined : setTimeout(() => this.finish('deadline'), deadline - Date.now());
    this.socket.connect();
    void this.loop().finally(() => {
      clearTimeout(timer);
      this.socket.close();
      this.resolveDone(this.stopReason ?? 'stopped');
    });
    return this;
  }

  /** Abandons any pause, lets an acknowledgement in flight arrive (so counts stay true), then closes. */
  stop(): Promise<StopReason> {
    this.finish('stopped');
    if (!this.started) {
      this.socket.close();
      this.resolveDone('stopped');
    }
    return this.done;
  }

  private finish(reason: StopReason): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    while (!this.stopReason) {
      if (!(await this.untilConnected())) return;
      const booking = this.dueBooking();
      if (this.pending) await this.report(this.pending);
      else if (booking !== undefined) await this.checkinBooked(booking);
      else if (this.reserveAttempt()) await this.nextContact();
      else this.finish('max_attempts');
    }
  }

  private reserveAttempt(): boolean {
    const { maxAttempts, budget } = this.options;
    if (maxAttempts !== undefined && this.stats.attempts >= maxAttempts) return false;
    return budget ? budget.take() : true;
  }

  private async nextContact(): Promise<void> {
    const answer = await this.request('next', zContactNextResult, () => this.socket.emitWithAck('contact:next'));
    if (answer.kind !== 'ok') return this.options.budget?.giveBack();
    if (answer.data.assignment === null) {
      this.options.budget?.giveBack();
      // A volunteer checks in before the first contact, and again after an idle check-out.
      if (answer.data.reason === 'not_checked_in') return this.checkin();
      return this.waitForWork(answer.data.reason, answer.data.nextAvailableAt);
    }
    const { random, speed } = this.options;
    const outcome = drawOutcome(random);
    const plan = this.options.plan ? this.options.plan(outcome, random) : planAttempt(outcome, random, speed);
    // Stopped while "on the phone": abandoned; the station keeps its lease and a later run resumes it.
    if (!(await this.pause(plan.beforeOutcomeMs))) return this.options.budget?.giveBack();
    this.pending = {
      assignmentId: answer.data.assignment.id,
      outcome,
      ...(random() < (this.options.noteShare ?? 0.15) && { note: NOTES[Math.floor(random() * NOTES.length)] }),
      ...(outcome === 'call_back' && { callbackDelayMs: callbackDelayMs(random, speed) }),
    };
    await this.report(this.pending);
    if (!this.pending) await this.pause(plan.breakMs);
  }

  /** A booking of this volunteer that the station now lists as expected and that was not yet tried. */
  private dueBooking(): number | undefined {
    return this.options.bookings?.find((id) => this.expected.has(id) && !this.triedBookings.has(id));
  }

  /** Checks in as the booked volunteer (the booking becomes `attended`); a walk-in shift before it is replaced. */
  private async checkinBooked(bookingId: number): Promise<void> {
    const answer = await this.request('checkin', zShiftResult, () => this.socket.emitWithAck('station:checkin', { bookingId }));
    // Lost: the server may have acted; a repeat answers with the same shift, so it is tried again.
    if (answer.kind === 'lost') return;
    this.triedBookings.add(bookingId);
    if (answer.kind === 'ok') this.stats.bookedCheckins += 1;
  }

  /** Checks in by name, as a walk-in. */
  private async checkin(): Promise<void> {
    const input = {
      name: this.options.volunteer ?? 'Bot',
      associationId: this.options.associationId ?? null,
      languages: this.options.languages ?? ['sv'],
    };
    await this.request('checkin', zShiftResult, () => this.socket.emitWithAck('station:checkin', input));
  }

  /** Sends (or re-sends: outcomes are idempotent per assignment) the pending outcome. */
  private async report(pending: Pending): Promise<void> {
    const { assignmentId, outcome, note, callbackDelayMs: delay } = pending;
    // Computed at each send: a re-send after a long outage must still book a time in the future.
    const callbackAt = delay === undefined ? undefined : new Date(Date.now() + delay).toISOString();
    const input = { assignmentId, outcome, ...(note !== undefined && { note }), ...(callbackAt && { callbackAt }) };
    const answer = await this.request('outcome', zOkResult, () => this.socket.emitWithAck('call:outcome', input));
    // Fate unknown (connection lost, or no answer in time): kept and sent again, unless stopping.
    if (answer.kind === 'lost' && !this.stopReason) return;
    this.pending = undefined;
    if (answer.kind !== 'ok') return;
    this.stats.attempts += 1;
    this.stats.byOutcome[outcome] += 1;
  }

  /** Timed and parsed. `lost`: no answer, so the server may have acted; `refused`: `{ ok: false }` or unreadable. */
  private async request<T extends { ok: boolean }>(
    kind: keyof StationBotStats['latencyMs'],
    schema: z.ZodType<T>,
    send: () => Promise<unknown>,
  ): Promise<Answer<T>> {
    const started = performance.now();
    let raw: unknown;
    try {
      raw = await send();
    } catch (error) {
      if (error instanceof Error && error.message === 'socket has been disconnected') this.stats.interrupted += 1;
      else await this.failed('timeout');
      return { kind: 'lost' };
    }
    this.stats.latencyMs[kind].push(performance.now() - started);
    const parsed = schema.safeParse(raw);
    if (!parsed.success || !isOk(parsed.data)) {
      await this.failed(parsed.success ? (zFailure.safeParse(parsed.data).data?.error.code ?? 'unknown') : 'bad_response');
      return { kind: 'refused' };
    }
    this.consecutiveErrors = 0;
    return { kind: 'ok', data: parsed.data };
  }

  /** Counts a failure and backs off, or gives up after too many in a row. */
  private async failed(kind: string): Promise<void> {
    this.countError(kind);
    this.consecutiveErrors += 1;
    if (this.consecutiveErrors >= (this.options.maxConsecutiveErrors ?? 50)) return this.finish('errors');
    await this.pause(Math.max(MIN_WAIT_MS, ERROR_BACKOFF_MS / this.options.speed));
  }

  private countError(kind: string): void {
    this.stats.errors += 1;
    this.stats.errorsByKind[kind] = (this.stats.errorsByKind[kind] ?? 0) + 1;
  }

  /** Nothing on offer: wait until it may change (capped, so a demo keeps polling), or stop if all is done. */
  private async waitForWork(reason: EmptyReason, nextAvailableAt?: string): Promise<void> {
    this.stats.empties[reason] += 1;
    if (reason === 'list_empty' && this.options.stopWhenEmpty) return this.finish('list_empty');
    const untilAvailable = nextAvailableAt === undefined ? Infinity : Date.parse(nextAvailableAt) - Date.now();
    const cap = (this.options.emptyRetryMs ?? 30_000) / this.options.speed;
    await this.pause(Math.max(MIN_WAIT_MS, Math.min(untilAvailable, cap)));
  }

  /** Sleeps unless stopping; false if the bot is stopping (the pause was skipped or cut short). */
  private async pause(ms: number): Promise<boolean> {
    if (ms > 0 && !this.stopReason) await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined);
    return !this.stopReason;
  }

  /**
   * Waits for a (re)connection; socket.io reconnects by itself. False if the bot stopped meanwhile.
   * Waits again if the connection was lost before this ran (a drop right after connecting), or the
   * bot would end as 'stopped' though nothing stopped it.
   */
  private async untilConnected(): Promise<boolean> {
    while (!this.socket.connected && !this.stopReason) {
      const { signal } = this.abort;
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('connect', done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.socket.on('connect', done);
        signal.addEventListener('abort', done);
      });
    }
    return !this.stopReason;
  }
}

function isOk<T extends { ok: boolean }>(answer: T): answer is Extract<T, { ok: true }> {
  return answer.ok;
}
