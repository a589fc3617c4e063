import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFUSAL_PARAMS } from '@ringstuga/shared';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/server-process.ts';

/** Every `reason: '…'` the server's code writes (its refusals are all made in server/src). */
function reasonsWritten(): Set<string> {
  const root = join(REPO_ROOT, 'server/src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));
  const written = files.flatMap((path) => Array.from(readFileSync(join(root, path), 'utf8').matchAll(/\breason: '(\w+)'/g), (match) => match[1]!));
  return new Set(written);
}

describe('the refusals a page says in its own language', () => {
  // (That the server sends no other is the `Why` type's work.)
  it('are each sent by the server somewhere: none is declared and translated for nothing', () => {
    const declared = Object.keys(REFUSAL_PARAMS).sort();
    // Other `reason:` fields (a station's empty list, a rejected row) have reasons of their own.
    const sent = [...reasonsWritten()].filter((reason) => reason in REFUSAL_PARAMS).sort();
    expect(sent).toEqual(declared);
  });
});
