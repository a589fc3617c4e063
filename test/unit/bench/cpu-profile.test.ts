import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { breakDown, type CpuProfile } from '../../../bench/cpu-profile.ts';

// A real source file, read as its own source (no map beside it), so lines are found by their text.
const ALLOCATOR = resolve(import.meta.dirname, '../../../server/src/features/calling/allocator.ts');
const lines = readFileSync(ALLOCATOR, 'utf8').split('\n');
const lineOf = (text: string) => lines.findIndex((line) => line.includes(text)) + 1;

const frame = (id: number, functionName: string, url = '', lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber, columnNumber: 0 } });

/** One sample per millisecond on `samples`, starting at 1,000 µs. */
function profile(nodes: CpuProfile['nodes'], samples: number[]): CpuProfile {
  return { nodes, startTime: 0, samples, timeDeltas: samples.map(() => 1000) };
}

describe('the cycle breakdown of a CPU profile', () => {
  const url = pathToFileURL(ALLOCATOR).href;
  const statementLine = lineOf('await q.get(S.bestHead,');
  const plainLine = lineOf('if (!candidate) return this.whyEmpty(q, where);');

  it('charges a line that runs a prepared statement to SQLite and the function\'s other lines to its feature', () => {
    expect(statementLine).toBeGreaterThan(0);
    expect(plainLine).toBeGreaterThan(0);
    const claim = { ...frame(2, 'claimInside', url, statementLine - 1), positionTicks: [{ line: statementLine, ticks: 3 }, { line: plainLine, ticks: 1 }] };
    const result = breakDown(profile([{ ...frame(1, '(root)'), children: [2] }, claim], [2, 2, 2, 2]), 0, 10_000);
    expect(result.ms['SQLite statements (native, incl. commits)']).toBeCloseTo(3);
    expect(result.ms['calling: allocator, services, repos (JS)']).toBeCloseTo(1);
    expect([...result.statements.keys()]).toEqual([`q.get (server/src/features/calling/allocator.ts:${statementLine})`]);
  });

  it('gives a native frame without a source to its caller, and counts idle and garbage collection apart', () => {
    const nodes = [
      { ...frame(1, '(root)'), children: [2, 4, 5] },
      { ...frame(2, 'writeGeneric', 'node:internal/stream_base_commons', 10), children: [3] },
      frame(3, 'writev'),
      frame(4, '(idle)'),
      frame(5, '(garbage collector)'),
    ];
    const result = breakDown(profile(nodes, [3, 3, 4, 5]), 0, 10_000);
    expect(result.ms['Node sockets and streams']).toBeCloseTo(2);
    expect(result.ms['garbage collection']).toBeCloseTo(1);
    expect(result.idleMs).toBeCloseTo(1);
    expect(result.busyMs).toBeCloseTo(3);
  });

  it('counts only the samples inside the measured window', () => {
    const nodes = [{ ...frame(1, '(root)'), children: [2] }, frame(2, '(garbage collector)')];
    // Samples at 1, 2, 3 and 4 ms; the window holds the middle two.
    expect(breakDown(profile(nodes, [2, 2, 2, 2]), 1500, 3500).ms['garbage collection']).toBeCloseTo(2);
  });
});
