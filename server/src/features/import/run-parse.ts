import type { AdjustedRow, ImportMapping, ImportPreview, RejectedRow } from '@ringstuga/shared';
import { ImportFileError } from './import-error.ts';
import type { ParsedContact } from './parse-contacts.ts';
import { NEXT, type ParseJob, type ParseMessage } from './parse-protocol.ts';
import { startWorker, workerUrl } from '../../worker-thread.ts';

const WORKER_URL = workerUrl(import.meta.url, './parse-worker.dev.mjs', './import-worker.mjs');

export interface ParsedImport {
  preview: ImportPreview;
  contacts: ParsedContact[];
  rejected: RejectedRow[];
  adjusted: AdjustedRow[];
}

/** Parses an uploaded file in a worker thread. A file that cannot be read rejects with ImportFileError. */
export function parseInWorker(
  bytes: Uint8Array,
  mapping: ImportMapping | undefined,
  doNotCall: string[],
  preview = false,
): Promise<ParsedImport> {
  return new Promise((resolve, reject) => {
    const job: ParseJob = { bytes, mapping, doNotCall, preview };
    const { worker, settle } = startWorker(WORKER_URL, job);
    const contacts: ParsedContact[] = [];
    worker.on('message', (message: ParseMessage) => {
      if (message.kind === 'contacts') {
        for (const contact of message.contacts) contacts.push(contact);
        // Stations' messages get their turn before the next chunk comes in.
        setImmediate(() => worker.postMessage(NEXT));
        return;
      }
      if (message.kind === 'done') settle(() => resolve({ preview: message.preview, contacts, rejected: message.rejected, adjusted: message.adjusted }));
      else settle(() => reject(message.fileError ? new ImportFileError(message.message) : new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`import parser exited with code ${code}`))));
  });
}
