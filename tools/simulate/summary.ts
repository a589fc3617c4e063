// The simulator's live and final summaries: attempts, shares, acknowledgement times, check-ins.
import { OUTCOMES, OUTCOME_RULES, zEmptyReason } from '@ringstuga/shared';
import { emptyStats, percentile, type StationBotStats } from './bot-stats.ts';
import type { StationBot } from './station-bot.ts';

interface Summary extends Omit<StationBotStats, 'latencyMs'> {
  elapsedMs: number;
  stations: number;
  connected: number;
  answered: number;
  conversations: number;
  latencies: number[];
}

export function summarise(bots: StationBot[], startedAt: number): Summary {
  const total = emptyStats();
  for (const { stats } of bots) {
    total.attempts += stats.attempts;
    total.errors += stats.errors;
    total.interrupted += stats.interrupted;
    total.disconnects += stats.disconnects;
    total.bookedCheckins += stats.bookedCheckins;
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

export function finalLines(s: Summary, why: string): string[] {
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
    `  booked check-ins ${s.bookedCheckins}`,
    `  connection       ${s.disconnects} disconnects, ${s.interrupted} requests interrupted and sent again`,
  ];
}

/** Once a second on a refreshing block in a terminal; one line per 5 s into a pipe or a log file. */
export function startLiveSummary(bots: StationBot[], startedAt: number): { stop(): void } {
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

