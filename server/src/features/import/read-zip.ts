import type { Readable } from 'node:stream';
import yauzl, { type Entry } from 'yauzl';
import { ImportFileError, ImportTooLargeError } from './import-error.ts';
import {
  MAX_ZIP_ENTRIES,
  MAX_ZIP_ENTRY_BYTES,
  MAX_ZIP_RATIO,
  MAX_ZIP_TOTAL_BYTES,
  ZIP_RATIO_FLOOR_BYTES,
} from './limits.ts';

// A workbook is a zip. Its central directory (at the end of the file) says what each part
// inflates to, so a zip bomb is refused before one byte is inflated; a part that lies about its
// size is stopped by the byte count while it inflates, as a stream, never as a whole.

const notAWorkbook = () =>
  new ImportFileError(
    'The file is not an Excel workbook (.xlsx) that can be read: it may be damaged, or another kind of file renamed. Open it in Excel and save it again as .xlsx, or save it as CSV',
    { reason: 'not_a_workbook' },
  );

const MB = 1024 * 1024;
const tooLarge = (what: string) =>
  new ImportTooLargeError(
    `${what}. An import takes workbooks whose parts inflate to at most ${MAX_ZIP_ENTRY_BYTES / MB} MB each and ${MAX_ZIP_TOTAL_BYTES / MB} MB in all; split the list or save it as CSV`,
    { reason: 'workbook_inflates', params: { entryMb: MAX_ZIP_ENTRY_BYTES / MB, totalMb: MAX_ZIP_TOTAL_BYTES / MB } },
  );

export interface WorkbookZip {
  has(name: string): boolean;
  /** A part's inflated bytes, counted against the limits as they come. */
  stream(name: string): AsyncIterable<Buffer>;
}

/** Checks a part's declared size before anything is inflated; the caller adds it to the total. */
function checkDeclared(entry: Entry): void {
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > MAX_ZIP_ENTRY_BYTES) throw tooLarge(`A part of the workbook inflates to ${Math.ceil(entry.uncompressedSize / MB)} MB`);
  if (entry.uncompressedSize > ZIP_RATIO_FLOOR_BYTES && ratio > MAX_ZIP_RATIO) {
    throw tooLarge(`A part of the workbook inflates to ${Math.round(ratio)} times its packed size, which no list does (a "zip bomb")`);
  }
}

async function entriesOf(bytes: Uint8Array): Promise<{ zip: yauzl.ZipFile; entries: Map<string, Entry> }> {
  let zip: yauzl.ZipFile;
  try {
    // Sizes are checked here, against the limits, rather than by yauzl after the fact.
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: false });
  } catch {
    throw notAWorkbook();
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) throw tooLarge(`The workbook has ${zip.entryCount} parts`);
  const entries = new Map<string, Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      checkDeclared(entry);
      total += entry.uncompressedSize;
      if (total > MAX_ZIP_TOTAL_BYTES) throw tooLarge(`The workbook's parts inflate to more than ${MAX_ZIP_TOTAL_BYTES / MB} MB`);
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    if (error instanceof ImportTooLargeError) throw error;
    throw notAWorkbook();
  }
  return { zip, entries };
}

/** Opens a workbook's zip: its parts as listed by the central directory, none inflated yet. */
export async function openWorkbookZip(bytes: Uint8Array): Promise<WorkbookZip> {
  const { zip, entries } = await entriesOf(bytes);
  let inflatedInAll = 0;

  async function* stream(name: string): AsyncIterable<Buffer> {
    const entry = entries.get(name);
    if (!entry) throw notAWorkbook();
    let readable: Readable;
    try {
      readable = await zip.openReadStreamPromise(entry);
    } catch {
      throw notAWorkbook();
    }
    let inflated = 0;
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        inflatedInAll += chunk.length;
        // The central directory said otherwise: a lie is a bomb, stopped here, not believed.
        if (inflated > entry.uncompressedSize) throw tooLarge('A part of the workbook inflates to more than the file says it does');
        if (inflatedInAll > MAX_ZIP_TOTAL_BYTES) throw tooLarge(`The workbook's parts inflate to more than ${MAX_ZIP_TOTAL_BYTES / MB} MB`);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ImportTooLargeError || error instanceof ImportFileError) throw error;
      // zlib's "invalid stored block lengths" and the like: a damaged file, not a server fault.
      throw notAWorkbook();
    } finally {
      readable.destroy();
    }
  }

  return { has: (name) => entries.has(name), stream };
}
