// What the server's thread and the parser's worker say to each other (no side effects here: the
// server imports this, while parse-worker.ts runs only inside the worker).
import type { AdjustedRow, ImportMapping, RejectedRow, Why } from '@ringstuga/shared';
import type { parseContactsFile } from './parse-contacts.ts';
import type { RowReport } from './row-report.ts';

export interface ParseJob {
  bytes: Uint8Array;
  mapping?: ImportMapping;
  doNotCall: string[];
  /** A dry run: a file with no name or number column yet still gets its preview. */
  preview: boolean;
  /** Sent as a workbook (its content type or name), so it is read as one even if it is no zip. */
  declaredXlsx: boolean;
}

/**
 * Contacts go back in chunks, one at a time: the next is sent only when the server asks for it.
 * Sent all at once, the server's thread took every waiting message in one go (~120 ms for 100 k).
 */
export const CHUNK = 1_000;

/** The server's "send the next chunk". */
export const NEXT = 'next';

/** Why the whole file was refused: the route's 400 or 413. */
export type FileFault = 'bad_file' | 'too_large';

export type ParseMessage =
  // The adjusted rows travel with their contacts: every adjusted row is one of them.
  | { kind: 'contacts'; contacts: ReturnType<typeof parseContactsFile>['contacts']; adjusted: AdjustedRow[] }
  | { kind: 'done'; preview: ReturnType<typeof parseContactsFile>['preview']; rejections: RowReport<RejectedRow>; notOffered: number }
  | { kind: 'error'; message: string; fault: FileFault | null; why?: Why };
