// Runs in a worker thread: parsing and normalising 100 k numbers takes over a second, which on the
// server's own thread would hold up every station's acknowledgement for that long.
import { parentPort, workerData } from 'node:worker_threads';
import type { ImportMapping } from '@ringstuga/shared';
import { ImportFileError } from './import-error.ts';
import { parseContactRecords, parseContactsFile } from './parse-contacts.ts';
import { isXlsx, readXlsxRecords } from './read-xlsx.ts';

export interface ParseJob {
  bytes: Uint8Array;
  mapping?: ImportMapping;
  doNotCall: string[];
  /** A dry run: a file with no name or number column yet still gets its preview. */
  preview: boolean;
}

/** Contacts go back in chunks, so the server's thread never spends long taking one message in. */
export const CHUNK = 1_000;

export type ParseMessage =
  | { kind: 'contacts'; contacts: ReturnType<typeof parseContactsFile>['contacts'] }
  | { kind: 'done'; preview: ReturnType<typeof parseContactsFile>['preview']; rejected: ReturnType<typeof parseContactsFile>['rejected'] }
  | { kind: 'error'; message: string; fileError: boolean };

const job = workerData as ParseJob;
const port = parentPort!;
try {
  const dnc = new Set(job.doNotCall);
  const options = { mapping: job.mapping, doNotCall: (phone: string) => dnc.has(phone), preview: job.preview };
  const parsed = isXlsx(job.bytes)
    ? await readXlsxRecords(job.bytes).then(({ records, lines }) =>
        parseContactRecords(records, lines, { encoding: 'xlsx', separator: null }, options),
      )
    : parseContactsFile(job.bytes, options);
  for (let i = 0; i < parsed.contacts.length; i += CHUNK) {
    port.postMessage({ kind: 'contacts', contacts: parsed.contacts.slice(i, i + CHUNK) } satisfies ParseMessage);
  }
  port.postMessage({ kind: 'done', preview: parsed.preview, rejected: parsed.rejected } satisfies ParseMessage);
} catch (error) {
  const fileError = error instanceof ImportFileError;
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), fileError } satisfies ParseMessage);
}
