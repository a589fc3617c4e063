// Runs in a worker thread: parsing and normalising 100 k numbers takes over a second, which on the
// server's own thread would hold up every station's acknowledgement for that long.
import { parentPort, workerData } from 'node:worker_threads';
import { FileRefusal, ImportFileError, ImportTooLargeError } from './import-error.ts';
import { parseContactRecords, parseContactsFile } from './parse-contacts.ts';
import { CHUNK, type FileFault, type ParseJob, type ParseMessage } from './parse-protocol.ts';
import { isXlsx, readXlsxRecords } from './read-xlsx.ts';
import { reportRows } from './row-report.ts';
import { yieldToServerThread } from '../../worker-thread.ts';

yieldToServerThread();
const job = workerData as ParseJob;
const port = parentPort!;

function faultOf(error: unknown): FileFault | null {
  if (error instanceof ImportFileError) return 'bad_file';
  if (error instanceof ImportTooLargeError) return 'too_large';
  return null;
}

try {
  const dnc = new Set(job.doNotCall);
  const options = { mapping: job.mapping, doNotCall: (phone: string) => dnc.has(phone), preview: job.preview };
  const parsed = job.declaredXlsx || isXlsx(job.bytes)
    ? await readXlsxRecords(job.bytes).then(({ records, lines }) =>
        parseContactRecords(records, lines, { encoding: 'xlsx', separator: null }, options),
      )
    : parseContactsFile(job.bytes, options);
  // Register hits are counted, never listed by row: the register is not the association's to read.
  const notOffered = parsed.rejected.filter((row) => row.reason === 'do_not_call').length;
  // Built here, off the server's thread, however many rows were rejected.
  const rejections = reportRows(parsed.rejected.filter((row) => row.reason !== 'do_not_call'));
  parsed.rejected.length = 0;
  let adjustedFrom = 0;
  for (let i = 0; i < parsed.contacts.length; i += CHUNK) {
    const contacts = parsed.contacts.slice(i, i + CHUNK);
    // Both lists are in file order: this chunk's adjusted rows are the next ones up to its last row.
    const lastRow = contacts.at(-1)!.row;
    let adjustedTo = adjustedFrom;
    while (adjustedTo < parsed.adjusted.length && parsed.adjusted[adjustedTo]!.row <= lastRow) adjustedTo++;
    const adjusted = parsed.adjusted.slice(adjustedFrom, adjustedTo);
    adjustedFrom = adjustedTo;
    port.postMessage({ kind: 'contacts', contacts, adjusted } satisfies ParseMessage);
    await new Promise((resolve) => port.once('message', resolve));
  }
  port.postMessage({ kind: 'done', preview: parsed.preview, rejections, notOffered } satisfies ParseMessage);
} catch (error) {
  const why = error instanceof FileRefusal ? error.why : undefined;
  port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error), fault: faultOf(error), why } satisfies ParseMessage);
}
