import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/server-process.ts';

/** The project's own lint configuration, run on snippets as if they were files at `filePath`. */
const eslint = new ESLint({ cwd: REPO_ROOT });
const RULES = new Set(['no-restricted-syntax', 'no-restricted-globals']);

async function refusals(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((message) => message.ruleId && RULES.has(message.ruleId)).map((message) => message.message);
}

const BARE_CALLS: [string, string][] = [
  ['export const id = crypto.randomUUID();', 'random-id.ts'],
  ['export const id = window.crypto.randomUUID();', 'random-id.ts'],
  ["export const digest = crypto.subtle.digest('SHA-256', new Uint8Array(1));", 'on the server'],
  ["export const copied = navigator.clipboard.writeText('x');", 'clipboard.ts'],
  ["export const copied = navigator['clipboard'];", 'clipboard.ts'],
  ["export const worker = navigator.serviceWorker.register('/sw.js');", 'service-worker.ts'],
  ['const { serviceWorker } = window.navigator;\nexport const worker = serviceWorker;', 'service-worker.ts'],
  ["export const shared = navigator.share({ url: '/' });", 'No helper yet'],
  ["export const lock = navigator.wakeLock.request('screen');", 'No helper yet'],
  ["export const note = new Notification('Ringstuga');", 'No helper yet'],
];

// Loading the configuration (typescript-eslint and all) takes seconds on a loaded machine.
describe('the lint rule against secure-context-only browser APIs', { timeout: 30_000 }, () => {
  it.each(BARE_CALLS)('refuses `%s` in client code, pointing to the way that works over plain HTTP', async (code, pointer) => {
    const found = await refusals(code, 'client/src/phone/example.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('exists only over HTTPS or on localhost');
    expect(found[0]).toContain(pointer);
  });

  it('refuses them in shared code too, which is bundled into the browser', async () => {
    expect(await refusals('export const id = crypto.randomUUID();', 'shared/src/example.ts')).toHaveLength(1);
  });

  it('allows them inside the helpers, the one place that holds the fallbacks', async () => {
    for (const [code] of BARE_CALLS) expect(await refusals(code, 'client/src/lib/secure-context/example.ts')).toEqual([]);
  });

  it('leaves alike names that are not those APIs alone, and the server, which runs in Node', async () => {
    const code = "export const a = stats.share;\nexport const b = 'randomUUID' in crypto;\nexport const c = navigator.userAgent;";
    expect(await refusals(`declare const stats: { share: number };\n${code}`, 'client/src/room/example.ts')).toEqual([]);
    expect(await refusals('export const id = crypto.randomUUID();', 'server/src/example.ts')).toEqual([]);
  });
});
