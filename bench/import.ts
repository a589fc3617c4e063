// Issue 5's import figures: how long 100 k rows take, and what an import running alongside
// 2,000 calling stations does to their acknowledgements.
import { mulberry32 } from '../seeds/demo-data.ts';
import { SWEDISH_FIRST_NAMES, SWEDISH_SURNAMES } from '../seeds/data/names.ts';
import { BENCH_ADMIN_TOKEN } from './server-process.ts';

/** Numbers as associations' spreadsheets write them, from a national number like 0701234567. */
const SPELLINGS = [
  (n: string) => `${n.slice(0, 3)}-${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
  (n: string) => n,
  (n: string) => `+46 ${n.slice(1, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
  (n: string) => `0046${n.slice(1)}`,
  // Excel dropped the leading zero.
  (n: string) => n.slice(1),
];
const MOBILE_PREFIXES = ['070', '072', '073', '076'];

/** A Windows-1252, semicolon-separated file of `rows` invented people (Swedish Excel's CSV). */
export function importFile(rows: number, seed = 5): Buffer {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const lines = ['Namn;Mobil;Valdistrikt;Prioritet;Medlemsnummer'];
  for (let i = 0; i < rows; i += 1) {
    const national = `${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String(1_000_000 + i).slice(-7)}`;
    const number = pick(SPELLINGS)(national);
    lines.push(`${pick(SWEDISH_FIRST_NAMES)} ${pick(SWEDISH_SURNAMES)};${number};0180${String(i % 400).padStart(4, '0')};${1 + (i % 3)};M${i}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

async function newList(url: string, name: string): Promise<number> {
  const response = await fetch(`${url}/api/lists`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, associationId: 1 }),
  });
  if (response.status !== 201) throw new Error(`list refused: ${response.status}`);
  return ((await response.json()) as { id: number }).id;
}

/** Imports `file` into a new list; resolves with the seconds it took and what came of it. */
export async function timeImport(url: string, file: Buffer, name: string): Promise<{ seconds: number; imported: number; rejected: number; listId: number }> {
  const listId = await newList(url, name);
  const started = performance.now();
  const response = await fetch(`${url}/api/lists/${listId}/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: file,
  });
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`import refused: ${response.status} ${await response.text()}`);
  const result = (await response.json()) as { imported: number; rejectedCount: number };
  return { seconds, imported: result.imported, rejected: result.rejectedCount, listId };
}
