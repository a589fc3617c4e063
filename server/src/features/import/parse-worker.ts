// Runs in a worker thread: parsing and normalising 100 k numbers takes over a second, which on the
// server's own thread would hold up every station's acknowledgement for that long.
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from './import-error.ts';
import { parseContactRecords, parseContactsFile } from './parse-contacts.ts';
import { CHUNK, type ParseJob, type ParseMessage } from './parse-protocol.ts';
import { isXlsx, readXlsxRecords } from './read-xlsx.ts';

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
    await new Promise((resolve) => port.once('message', resolve));
  }
  port.postMessage({ kind: 'done', preview: parsed.preview, rejected: parsed.rejected, adjusted: parsed.adjusted } satisfies ParseMessage);
} catch (error) {
  const fileError = error instanceof ImportFileError;
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), fileError } satisfies ParseMessage);
}
