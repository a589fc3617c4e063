import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Dependencies between the server's features point one way: no feature folder imports one that
// imports it, directly or through others. A newcomer can then read the house from the bottom up.

const FEATURES = resolve(import.meta.dirname, '../../../server/src/features');
const IMPORT = /from '\.\.\/([a-z-]+)\//g;

function featureGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const feature of readdirSync(FEATURES)) {
    const uses = new Set<string>();
    for (const file of readdirSync(join(FEATURES, feature), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(file)) continue;
      for (const [, used] of readFileSync(join(FEATURES, feature, file), 'utf8').matchAll(IMPORT)) {
        if (used !== feature) uses.add(used!);
      }
    }
    graph.set(feature, uses);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, path: string[]) => {
    if (path.includes(node)) return found.push([...path.slice(path.indexOf(node)), node]);
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) walk(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) walk(node, []);
  return found;
}

describe('the features of the server', () => {
  it('import one another one way only: no cycle, direct or through others', () => {
    const graph = featureGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(cycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('would see a cycle if there were one', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
