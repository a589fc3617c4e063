import { ImportTooLargeError } from './import-error.ts';

// What one import may take, so a hostile or broken file fails that import and never the server.
// Each limit is in the README (Configuration, "Import limits").

/**
 * Rows (the header not counted) one file may hold; more answers 413, counted while the file is
 * read. Bound by memory: the server's thread holds a file's contacts while it matches and writes
 * them (~0.25 KB each, under the production heap cap of 192 MB), and V8 gives the parser's worker
 * that same cap (measured: 200,000 rows of four columns parse in it, 300,000 do not).
 */
export const MAX_IMPORT_ROWS = 200_000;

export const tooManyRows = (): ImportTooLargeError =>
  new ImportTooLargeError(
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; an import takes at most that many. Split the list into smaller files`,
    { reason: 'too_many_rows', params: { max: MAX_IMPORT_ROWS } },
  );

/**
 * A workbook's parts: none may inflate to more than this, nor all together to more than the
 * total, nor one above ZIP_RATIO_FLOOR_BYTES to more than MAX_ZIP_RATIO times its packed size.
 * A real register passes with room to spare: 500,000 rows of four columns is an ~80 MB sheet and
 * ~35 MB of shared strings, packed about 10:1. The sheet is read as a stream, so these bound the
 * time an import may spend inflating, not memory.
 */
export const MAX_ZIP_ENTRY_BYTES = 200 * 1024 * 1024;
export const MAX_ZIP_TOTAL_BYTES = 300 * 1024 * 1024;
export const MAX_ZIP_RATIO = 100;
/** Small parts (styles, relations) of repeated markup compress far better than rows do. */
export const ZIP_RATIO_FLOOR_BYTES = 1024 * 1024;
/** A workbook has a dozen parts; a zip with thousands is not one. */
export const MAX_ZIP_ENTRIES = 1_000;

/** Rejected rows listed one by one in an import's answer; the rest are counted per reason. */
export const REJECTED_ROWS_SHOWN = 1_000;

/**
 * The parser's worker's heap. Under `--max-old-space-size` (npm start) V8 applies the process's
 * cap to the worker whatever this says; either way the limit makes a worker that runs out end
 * with ERR_WORKER_OUT_OF_MEMORY, which fails that import (413), not the server.
 */
export const PARSER_HEAP_MB = 192;
