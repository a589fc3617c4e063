// Reads a V8 CPU profile of the server (`node --cpu-prof`) and sorts its samples into the parts of a
// cycle. V8 charges a native call (a better-sqlite3 statement) to the JavaScript line that made it,
// so each frame's own time is split by line (the profile's positionTicks): a line that runs a
// prepared statement counts as SQLite, any other line goes to the part its source file belongs to.
// Frames that name no source (V8's own, Node's native bindings) go to the nearest caller that does.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** The frame's own samples per line of its script (1-based), over the whole profile. */
  positionTicks?: { line: number; ticks: number }[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The parts of a cycle, in the order the report lists them. */
export const PARTS = [
  'SQLite statements (native, incl. commits)',
  'better-sqlite3 + drizzle wrappers',
  'zod parse',
  'socket.io / engine.io / ws framing',
  'Node sockets and streams',
  'batching (write-batcher)',
  'pushes (leaderboard, shifts)',
  'calling: allocator, services, repos (JS)',
  'other app code and shared',
  'other libraries',
  'garbage collection',
  'V8 and native, unattributed',
] as const;
export type Part = (typeof PARTS)[number];

/** A line that runs a prepared statement (`this.s.lease.get(id)`, better-sqlite3's `commit.run()`). */
const STATEMENT_CALL = /\.(run|get|all|iterate|pluck|raw)\(/;

const BY_SOURCE: [RegExp, Part][] = [
  [/^node:/, 'Node sockets and streams'],
  [/node_modules\/zod\//, 'zod parse'],
  [/node_modules\/(better-sqlite3|drizzle-orm)\//, 'better-sqlite3 + drizzle wrappers'],
  [/node_modules\/(socket\.io|socket\.io-parser|socket\.io-adapter|engine\.io|engine\.io-parser|ws)\//, 'socket.io / engine.io / ws framing'],
  [/server\/src\/db\/write-batcher\.ts$/, 'batching (write-batcher)'],
  [/server\/src\/(realtime\/|features\/leaderboard\/|features\/shifts\/)/, 'pushes (leaderboard, shifts)'],
  [/server\/src\/features\/calling\//, 'calling: allocator, services, repos (JS)'],
  [/(server|shared)\/src\//, 'other app code and shared'],
  [/node_modules\//, 'other libraries'],
];

/** The parts whose statement-running lines are SQLite's time rather than their own. */
const RUNS_STATEMENTS = new Set<Part>([
  'better-sqlite3 + drizzle wrappers',
  'batching (write-batcher)',
  'pushes (leaderboard, shifts)',
  'calling: allocator, services, repos (JS)',
  'other app code and shared',
]);

/** A source file and one of its lines. */
interface SourceLine {
  file: string;
  line: number;
  text: string;
}

/** Reads a script's line back in its source, through the bundle's source map (built with `sourcemap: true`). */
class SourceResolver {
  private readonly scripts = new Map<string, { lines: string[]; map: SourceMap | null }>();
  private readonly files = new Map<string, string[]>();

  line(url: string, line: number): SourceLine {
    if (!url.startsWith('file:')) return { file: url, line, text: '' };
    const path = fileURLToPath(url);
    const script = this.script(path);
    const generated = script.lines[line - 1] ?? '';
    if (!script.map) return { file: path, line, text: generated };
    // The mapping that starts the line's code: its first non-blank column.
    const entry = script.map.findEntry(line - 1, Math.max(0, generated.search(/\S/))) as { originalSource?: string; originalLine?: number };
    if (!entry.originalSource) return { file: path, line, text: '' };
    const file = resolve(dirname(path), entry.originalSource.replace(/^file:\/\//, ''));
    const at = entry.originalLine ?? 0;
    return { file, line: at + 1, text: this.file(file)[at] ?? '' };
  }

  private script(path: string): { lines: string[]; map: SourceMap | null } {
    let script = this.scripts.get(path);
    if (!script) {
      let map: SourceMap | null = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
      } catch {
        // no map: a file outside the bundle (better-sqlite3's own JavaScript) is its own source
      }
      script = { lines: this.file(path), map };
      this.scripts.set(path, script);
    }
    return script;
  }

  private file(path: string): string[] {
    let lines = this.files.get(path);
    if (!lines) {
      try {
        lines = readFileSync(path, 'utf8').split('\n');
      } catch {
        lines = [];
      }
      this.files.set(path, lines);
    }
    return lines;
  }
}

function partOfFile(file: string): Part {
  for (const [pattern, part] of BY_SOURCE) if (pattern.test(file)) return part;
  return 'other libraries';
}

/** The part of one line of a frame's own time. */
export function partOfLine(line: SourceLine): Part {
  const part = partOfFile(line.file);
  return RUNS_STATEMENTS.has(part) && STATEMENT_CALL.test(line.text) ? 'SQLite statements (native, incl. commits)' : part;
}

export interface Breakdown {
  /** Milliseconds of server CPU per part inside the window. */
  ms: Record<Part, number>;
  busyMs: number;
  idleMs: number;
  /** Milliseconds per source line that runs a statement (`file:line`), to name the costly ones. */
  statements: Map<string, number>;
}

type Share = [Part | 'idle', number, string?][];

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Sorts the samples taken between `fromUs` and `toUs` (the profile's monotonic clock, µs). A
 * frame's line split is over the whole profile (V8 keeps no per-sample line), applied to its
 * samples inside the window: the warm-up before it runs the same loop.
 */
export function breakDown(profile: CpuProfile, fromUs: number, toUs: number): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const resolver = new SourceResolver();
  const shares = new Map<number, Share>();
  const shareOf = (id: number): Share => {
    const known = shares.get(id);
    if (known) return known;
    const { callFrame, positionTicks } = byId.get(id)!;
    let share: Share;
    if (callFrame.functionName === '(idle)') share = [['idle', 1]];
    else if (callFrame.functionName === '(garbage collector)') share = [['garbage collection', 1]];
    else if (callFrame.functionName === '(program)') share = [['V8 and native, unattributed', 1]];
    else if (callFrame.url !== '' && positionTicks?.length) {
      const total = positionTicks.reduce((sum, tick) => sum + tick.ticks, 0);
      share = positionTicks.map(({ line, ticks }) => {
        const source = resolver.line(callFrame.url, line);
        const statement = /(\w+)\.(run|get|all|iterate|pluck|raw)\(/.exec(source.text)?.[0].slice(0, -1) ?? '';
        return [partOfLine(source), ticks / total, `${statement} (${source.file.replace(`${ROOT}/`, '')}:${source.line})`];
      });
    } else if (callFrame.url !== '') {
      share = [[partOfLine(resolver.line(callFrame.url, callFrame.lineNumber + 1)), 1]];
    } else {
      const up = parent.get(id);
      share = up === undefined || byId.get(up)!.callFrame.functionName === '(root)' ? [['V8 and native, unattributed', 1]] : shareOf(up);
    }
    shares.set(id, share);
    return share;
  };

  const ms = Object.fromEntries(PARTS.map((part) => [part, 0])) as Record<Part, number>;
  const statements = new Map<string, number>();
  let idleMs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const delta = profile.timeDeltas[i]!;
    at += delta;
    if (at < fromUs || at > toUs) continue;
    // A sample stands for the time since the previous one.
    for (const [part, fraction, where] of shareOf(profile.samples[i]!)) {
      const spent = (delta * fraction) / 1000;
      if (part === 'idle') idleMs += spent;
      else ms[part] += spent;
      if (part === 'SQLite statements (native, incl. commits)' && where) statements.set(where, (statements.get(where) ?? 0) + spent);
    }
  }
  const busyMs = Object.values(ms).reduce((sum, value) => sum + value, 0);
  return { ms, busyMs, idleMs, statements };
}
