import { startWorker, workerUrl } from '../../worker-thread.ts';
import type { WorkbookJob } from './workbook.ts';

const WORKER_URL = workerUrl(import.meta.url, './workbook-worker.dev.mjs', './workbook-worker.mjs');

type WorkbookMessage = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Writes the workbook in a worker thread, so the stations keep being answered meanwhile. */
export function writeWorkbookInWorker(job: WorkbookJob): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { worker, settle } = startWorker(WORKER_URL, job);
    worker.once('message', (message: WorkbookMessage) =>
      settle(() => (message.ok ? resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength)) : reject(new Error(message.message)))),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`workbook writer exited with code ${code}`))));
  });
}
