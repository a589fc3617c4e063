// `npm run simulate -- --stations 20 --speed 30`: drives simulated stations against a running
// server and prints a live summary. For demos (a leaderboard that moves), load tests and checks.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { zStationLink, type StationLink } from '@ringstuga/shared';
import { SWEDISH_FIRST_NAMES } from '../../seeds/data/names.ts';
import { mulberry32 } from '../../seeds/demo-data.ts';
import { stationRandom } from './outcome-mix.ts';
import { signUpVolunteers, signupTokenOf, type SignedUpVolunteer } from './signup-volunteers.ts';
import { AttemptBudget } from './bot-stats.ts';
import { StationBot } from './station-bot.ts';
import { finalLines, startLiveSummary, summarise } from './summary.ts';

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
  --signup <link>        a sign-up link (/signup#token=…) or its token: each station's volunteer
                         signs up through it first, booking the next --book sessions, and checks
                         in with the booking when the station lists them as expected now
  --book <n>             sessions each volunteer books with --signup (default 1)
  --no-show <percent>    share of the signed-up volunteers who never come, so the session's end
                         marks their bookings no_show (default 15)
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
  signup: z.string().optional(),
  book: positiveInt('book', 50).default(1),
  noShow: z.coerce
    .number({ error: 'no-show must be a percentage' })
    .min(0, 'no-show must be 0 or more')
    .max(100, 'no-show must be at most 100')
    .default(15),
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
        signup: { type: 'string' },
        book: { type: 'string' },
        'no-show': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const { 'admin-token': adminToken = process.env.ADMIN_TOKEN || undefined, 'no-show': noShow, ...rest } = values;
  const parsed = zOptions.safeParse({ ...rest, adminToken, noShow });
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

/** Each station's volunteer signs up through the link; prints how many got places and how many will not come. */
async function signUp(options: Options, count: number, seed: number): Promise<SignedUpVolunteer[]> {
  let token: string;
  try {
    token = signupTokenOf(options.signup!);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const volunteers = await signUpVolunteers({
    url: options.url,
    token,
    count,
    sessions: options.book,
    noShowShare: options.noShow / 100,
    random: mulberry32(seed ^ 0x6e6f7368),
    seed,
  }).catch((error: unknown) => {
    throw new CliError(error instanceof Error ? error.message : String(error));
  });
  const places = volunteers.reduce((sum, v) => sum + v.bookingIds.length, 0);
  const absent = volunteers.filter((v) => !v.comes).length;
  console.log(`${volunteers.length} volunteers signed up: ${places} places booked (the rest on waiting lists); ${absent} will not come.`);
  return volunteers;
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

  const volunteers = options.signup === undefined ? [] : await signUp(options, chosen.length, seed);

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
      // A volunteer who signed up and comes checks in with the booking; one who does not come leaves a walk-in at the station.
      bookings: volunteers[index]?.comes ? volunteers[index].bookingIds : [],
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
