// Runs in a worker thread: a large workbook takes seconds to write, which on the server's own
// thread would hold up every station's acknowledgement for that long.
import { parentPort, workerData } from 'node:worker_threads';
import { yieldToServerThread } from '../../worker-thread.ts';
import { writeWorkbook, type WorkbookJob } from './workbook.ts';

yieldToServerThread();
const port = parentPort!;
try {
  const bytes = await writeWorkbook(workerData as WorkbookJob);
  const copy = new Uint8Array(bytes);
  port.postMessage({ ok: true, bytes: copy }, [copy.buffer]);
} catch (error) {
  port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
