import type { AdjustedRow, ImportMapping, ImportPreview, RejectedRow } from '@ringstuga/shared';
import { ImportFileError, ImportTooLargeError } from './import-error.ts';
import { PARSER_HEAP_MB } from './limits.ts';
import type { ParsedContact } from './parse-contacts.ts';
import { NEXT, type ParseJob, type ParseMessage } from './parse-protocol.ts';
import type { RowReport } from './row-report.ts';
import { ownsItsMemory } from '../../file-body.ts';
import { startWorker, workerUrl } from '../../worker-thread.ts';

const WORKER_URL = workerUrl(import.meta.url, './parse-worker.dev.mjs', './import-worker.mjs');

/** Without its own limit a worker shares the process's heap cap, and its running out ends the server. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: PARSER_HEAP_MB };

const OUT_OF_MEMORY = 'The file needs more memory to read than an import may use; split the list into smaller files';

export interface ParsedImport {
  preview: ImportPreview;
  contacts: ParsedContact[];
  /** Rows rejected for the do-not-call register (counted apart from `rejections`). */
  rejections: RowReport<RejectedRow>;
  notOffered: number;
  /** Every adjusted row, in file order (each one is one of the contacts). */
  adjusted: AdjustedRow[];
}

export interface ParseRequest {
  bytes: Uint8Array;
  mapping: ImportMapping | undefined;
  doNotCall: string[];
  preview: boolean;
  declaredXlsx: boolean;
}

function workerFailure(error: Error & { code?: string }): Error {
  return error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ImportTooLargeError(OUT_OF_MEMORY, { reason: 'import_out_of_memory' }) : error;
}

/**
 * Parses an uploaded file in a worker thread. The file's bytes move to the worker when they own
 * their memory (the upload's buffer does): copying 25 MB holds the event loop ~65 ms. They are
 * unreadable here afterwards. A file that cannot be read rejects with
 * ImportFileError; one too large for an import (rows, inflated size, the worker's memory) with
 * ImportTooLargeError.
 */
export function parseInWorker(request: ParseRequest): Promise<ParsedImport> {
  return new Promise((resolve, reject) => {
    const job: ParseJob = { ...request };
    const transferList = ownsItsMemory(request.bytes) ? [request.bytes.buffer as ArrayBuffer] : [];
    const { worker, settle } = startWorker(WORKER_URL, job, { resourceLimits: RESOURCE_LIMITS, transferList });
    const contacts: ParsedContact[] = [];
    const adjusted: AdjustedRow[] = [];
    worker.on('message', (message: ParseMessage) => {
      if (message.kind === 'contacts') {
        for (const contact of message.contacts) contacts.push(contact);
        for (const row of message.adjusted) adjusted.push(row);
        // Stations' messages get their turn before the next chunk comes in.
        setImmediate(() => worker.postMessage(NEXT));
        return;
      }
      if (message.kind === 'done') settle(() => resolve({ preview: message.preview, contacts, rejections: message.rejections, notOffered: message.notOffered, adjusted }));
      else if (message.fault === 'bad_file') settle(() => reject(new ImportFileError(message.message, message.why)));
      else if (message.fault === 'too_large') settle(() => reject(new ImportTooLargeError(message.message, message.why)));
      else settle(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => settle(() => reject(workerFailure(error))));
    worker.on('exit', (code) => settle(() => reject(new Error(`import parser exited with code ${code}`))));
  });
}
