// `npm run simulate -- --stations 20 --speed 30`: drives simulated stations against a running
// server and prints a live summary. For demos (a leaderboard that moves), load tests and checks.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OUTCOMES, OUTCOME_RULES, zEmptyReason, zStationLink, type StationLink } from '@ringstuga/shared';
import { SWEDISH_FIRST_NAMES } from '../../seeds/data/names.ts';
import { stationRandom } from './outcome-mix.ts';
import { AttemptBudget, StationBot, emptyStats, percentile, type StationBotStats } from './station-bot.ts';

const HELP = `Usage: npm run simulate -- [options]

Drives simulated calling stations (real socket.io clients) against a running Ringstuga server.
Outcomes follow the 2018 campaign (34 % of attempts answered, 26 % real conversations); at speed 1
each station makes about 20 attempts an hour, with human pauses.

Options:
  --url <url>            the server (default http://127.0.0.1:3000)
  --stations <n>         stations to simulate (default 20); their tokens come from GET /api/stations
  --speed <x>            divide every human pause by x (default 1)
  --admin-token <token>  the admin token (default: the ADMIN_TOKEN environment variable)
  --duration <seconds>   stop after this long
  --attempts <n>         stop after this many attempts in total
  --seed <n>             seed for outcomes and pauses (default: from the clock; printed)
  --help                 show this text

Stops on Ctrl-C, at the limits, or when nothing is left to call, and prints a final summary.`;

/** Languages besides Swedish that some simulated volunteers speak. */
const BOT_LANGUAGES = ['ar', 'so', 'fa', 'fi'] as const;

const positiveInt = (what: string, max: number) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(1, `${what} must be at least 1`)
    .max(max, `${what} must be at most ${max}`);

const zOptions = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'url must be an http(s) address such as http://127.0.0.1:3000' })
    .transform((url) => url.replace(/\/+$/, '')),
  stations: positiveInt('stations', 10_000).default(20),
  speed: z.coerce
    .number({ error: 'speed must be a number' })
    .positive('speed must be above 0')
    .max(1_000_000, 'speed must be at most 1000000')
    .default(1),
  adminToken: z
    .string({ error: 'an admin token is needed: pass --admin-token or set ADMIN_TOKEN' })
    .min(16, 'an admin token has 16 or more characters'),
  duration: z.coerce.number({ error: 'duration must be a number of seconds' }).positive('duration must be above 0').optional(),
  attempts: positiveInt('attempts', 1_000_000_000).optional(),
  seed: z.coerce
    .number({ error: 'seed must be a number' })
    .int('seed must be a whole number')
    .min(0, 'seed must be 0 or more')
    .max(0xffffffff, 'seed must be below 2^32')
    .optional(),
});
type Options = z.infer<typeof zOptions>;

class CliError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:3000' },
        stations: { type: 'string' },
        speed: { type: 'string' },
        'admin-token': { type: 'string' },
        duration: { type: 'string' },
        attempts: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const { 'admin-token': adminToken = process.env.ADMIN_TOKEN || undefined, ...rest } = values;
  const parsed = zOptions.safeParse({ ...rest, adminToken });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `\n  --${kebab(issue.path.join('.'))}: ${issue.message}`);
  throw new CliError(`invalid options:${problems.join('')}`);
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The station tokens, from the admin API; the simulator joins as those stations. */
async function fetchStations(url: string, adminToken: string): Promise<StationLink[]> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/stations`, {
      headers: { authorization: `Bearer ${adminToken}` },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(`cannot reach ${url}: ${cause}`);
  }
  if (response.status === 401) throw new CliError(`${url} refused the admin token (401)`);
  if (!response.ok) throw new CliError(`GET ${url}/api/stations answered ${response.status}`);
  const parsed = z.object({ stations: z.array(zStationLink) }).safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new CliError(`GET ${url}/api/stations answered something other than a station list`);
  return [...parsed.data.stations].sort((a, b) => a.number - b.number);
}

interface Summary extends Omit<StationBotStats, 'latencyMs'> {
  elapsedMs: number;
  stations: number;
  connected: number;
  answered: number;
  conversations: number;
  latencies: number[];
}

function summarise(bots: StationBot[], startedAt: number): Summary {
  const total = emptyStats();
  for (const { stats } of bots) {
    total.attempts += stats.attempts;
    total.errors += stats.errors;
    total.interrupted += stats.interrupted;
    total.disconnects += stats.disconnects;
    for (const o of OUTCOMES) total.byOutcome[o] += stats.byOutcome[o];
    for (const reason of zEmptyReason.options) total.empties[reason] += stats.empties[reason];
    for (const [kind, n] of Object.entries(stats.errorsByKind)) total.errorsByKind[kind] = (total.errorsByKind[kind] ?? 0) + n;
    for (const ms of stats.latencyMs.next) total.latencyMs.next.push(ms);
    for (const ms of stats.latencyMs.outcome) total.latencyMs.outcome.push(ms);
  }
  const { latencyMs, ...counts } = total;
  const count = (test: (o: (typeof OUTCOMES)[number]) => boolean) =>
    OUTCOMES.filter(test).reduce((sum, o) => sum + total.byOutcome[o], 0);
  return {
    ...counts,
    elapsedMs: Date.now() - startedAt,
    stations: bots.length,
    connected: bots.filter((bot) => bot.socket.connected).length,
    answered: count((o) => OUTCOME_RULES[o].reached),
    conversations: count((o) => OUTCOME_RULES[o].conversation),
    latencies: latencyMs.next.concat(latencyMs.outcome),
  };
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);
const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`);
const perMinute = (s: Summary) => (s.elapsedMs === 0 ? 0 : (s.attempts * 60_000) / s.elapsedMs).toFixed(1);
const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ') || 'none';
const latency = (s: Summary) => `p50 ${ms(percentile(s.latencies, 50))} · p99 ${ms(percentile(s.latencies, 99))}`;

function liveLines(s: Summary): string[] {
  return [
    `  elapsed ${(s.elapsedMs / 1000).toFixed(0)} s · ${s.connected}/${s.stations} stations connected`,
    `  attempts ${s.attempts} (${perMinute(s)}/min) · answered ${pct(s.answered, s.attempts)} · conversations ${pct(s.conversations, s.attempts)}`,
    `  ack ${latency(s)} · errors ${s.errors} · nothing offered: ${listed(s.empties)}`,
  ];
}

function finalLines(s: Summary, why: string): string[] {
  return [
    `Simulator stopped (${why}) after ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  stations         ${s.stations} (${s.connected} still connected)`,
    `  attempts         ${s.attempts} (${perMinute(s)}/min)`,
    `  answered         ${s.answered} (${pct(s.answered, s.attempts)} of attempts)`,
    `  conversations    ${s.conversations} (${pct(s.conversations, s.attempts)} of attempts)`,
    `  outcomes         ${listed(s.byOutcome)}`,
    `  ack latency      ${latency(s)} (${s.latencies.length} acknowledgements)`,
    `  errors           ${s.errors}${s.errors > 0 ? ` (${listed(s.errorsByKind)})` : ''}`,
    `  nothing offered  ${listed(s.empties)}`,
    `  connection       ${s.disconnects} disconnects, ${s.interrupted} requests interrupted and sent again`,
  ];
}

/** Once a second on a refreshing block in a terminal; one line per 5 s into a pipe or a log file. */
function startLiveSummary(bots: StationBot[], startedAt: number): { stop(): void } {
  const tty = process.stdout.isTTY === true;
  let shown = 0;
  const timer = setInterval(
    () => {
      const lines = liveLines(summarise(bots, startedAt));
      if (!tty) return void console.log(lines.map((line) => line.trim()).join(' | '));
      // Up to the block's first line, clear to the end of the screen, redraw.
      process.stdout.write(`${shown > 0 ? `\x1b[${shown}F\x1b[J` : ''}${lines.join('\n')}\n`);
      shown = lines.length;
    },
    tty ? 1_000 : 5_000,
  );
  return {
    stop() {
      clearInterval(timer);
      if (tty && shown > 0) process.stdout.write(`\x1b[${shown}F\x1b[J`);
    },
  };
}

function stopDescription(reasons: string[], signal: string | undefined): string {
  if (signal) return `interrupted by ${signal}`;
  const counts: Record<string, number> = {};
  for (const reason of reasons) counts[reason] = (counts[reason] ?? 0) + 1;
  const names: Record<string, string> = {
    deadline: 'duration reached',
    max_attempts: 'attempt cap reached',
    list_empty: 'nothing left to call',
    refused: 'station token refused',
    errors: 'too many errors',
    stopped: 'stopped',
  };
  return Object.entries(counts)
    .map(([reason, n]) => `${names[reason] ?? reason}${n === reasons.length ? '' : ` for ${n} stations`}`)
    .join(', ');
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') {
    console.log(HELP);
    return 0;
  }
  const links = await fetchStations(options.url, options.adminToken);
  if (links.length === 0) throw new CliError(`${options.url} has no stations`);
  if (links.length < options.stations) {
    console.log(`The server has ${links.length} stations, fewer than the ${options.stations} asked for: simulating ${links.length}.`);
  }
  const chosen = links.slice(0, options.stations);
  const seed = options.seed ?? Date.now() % 0x100000000;
  const limits = [
    options.duration !== undefined && `for ${options.duration} s`,
    options.attempts !== undefined && `up to ${options.attempts} attempts`,
  ].filter(Boolean);
  console.log(
    `Simulating ${chosen.length} stations against ${options.url} at speed ${options.speed} (seed ${seed})` +
      `${limits.length ? `, ${limits.join(', ')}` : ''}. Ctrl-C stops.`,
  );

  const startedAt = Date.now();
  const budget = options.attempts === undefined ? undefined : new AttemptBudget(options.attempts);
  const deadline = options.duration === undefined ? undefined : startedAt + options.duration * 1000;
  const bots = chosen.map((link, index) =>
    new StationBot({
      url: options.url,
      token: link.token,
      random: stationRandom(seed, index),
      speed: options.speed,
      budget,
      deadline,
      stopWhenEmpty: true,
      // Invented first names, so the room board looks like a room; every list, as in 2018.
      volunteer: SWEDISH_FIRST_NAMES[(seed + index * 7) % SWEDISH_FIRST_NAMES.length],
      // Every fifth also speaks another language, so contacts who prefer it find a caller first.
      languages: index % 5 === 4 ? ['sv', BOT_LANGUAGES[Math.floor(index / 5) % BOT_LANGUAGES.length]!] : ['sv'],
    }).start(),
  );

  let signal: string | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    // A second Ctrl-C does not wait for acknowledgements in flight.
    if (signal) process.exit(130);
    signal = name;
    for (const bot of bots) void bot.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const live = startLiveSummary(bots, startedAt);
  const reasons = await Promise.all(bots.map((bot) => bot.done));
  live.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  console.log(finalLines(summarise(bots, startedAt), stopDescription(reasons, signal)).join('\n'));
  return reasons.some((reason) => reason === 'refused' || reason === 'errors') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; this only guards against a handle someone forgot.
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (error: unknown) => {
    if (!(error instanceof CliError)) throw error;
    console.error(`simulate: ${error.message}\nRun with --help for the options.`);
    process.exitCode = 2;
  },
);
