// The security review's hostile imports (issue 12), posted one after another while stations
// call: what they do to the stations' acknowledgements. Each must be refused or reported, fast.
import { manyRowsFile, zipBombWorkbook } from '../test/factories/import-files.ts';
import { BENCH_ADMIN_TOKEN } from './server-process.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface HostileFile {
  name: string;
  body: Buffer;
  contentType: string;
  /** What the server must answer. */
  status: number;
}

/** Built before the window opens, so the load generator's own work is not what is measured. */
export function hostileFiles(quick: boolean): HostileFile[] {
  return [
    { name: 'zip bomb (300 MB of spaces)', body: zipBombWorkbook(), contentType: XLSX, status: 413 },
    { name: 'zip bomb whose sizes lie', body: zipBombWorkbook({ inflatedMb: 150, claimedMb: 2 }), contentType: XLSX, status: 413 },
    { name: '1 M rows', body: Buffer.from(manyRowsFile(quick ? 250_000 : 1_000_000, (i) => `Person ${i};070${String(1_000_000 + i).slice(-7)}`)), contentType: 'text/csv', status: 413 },
    { name: 'rows with no number', body: Buffer.from(manyRowsFile(quick ? 20_000 : 190_000, (i) => `Person ${i};`)), contentType: 'text/csv', status: 200 },
  ];
}

/** Posts each file as a dry run into `listId`; throws if any is answered otherwise than it must be. */
export async function postHostile(url: string, listId: number, files: HostileFile[]): Promise<void> {
  for (const file of files) {
    const response = await fetch(`${url}/api/lists/${listId}/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': file.contentType },
      body: file.body,
    });
    const text = await response.text();
    if (response.status !== file.status) throw new Error(`${file.name}: ${response.status} ${text.slice(0, 200)}`);
    if (text.length > 1_000_000) throw new Error(`${file.name}: an answer of ${text.length} bytes`);
  }
}
