import { CsvError, parse } from 'csv-parse/sync';
import { ImportFileError } from './import-error.ts';
import { MAX_IMPORT_ROWS, tooManyRows } from './limits.ts';
import type { Separator } from './separator.ts';

// Rows are reported by their line in the file, as a spreadsheet numbers them, so a leader can
// find a rejected row. csv-parse is asked to keep blank lines as records: then every record
// takes one line plus the line breaks inside its quoted cells, and the lines add up. (Its own
// `info.lines` counts a CRLF inside quotes twice, and asking for it per record doubles the
// parse time.) Line ends are made LF first, which also gives quoted cells one kind of line break.

const LINE_BREAK = /\r\n?/g;
// Spaces around a quoted cell (`Anna, "Berg, Eva" , 070…`, written by hand) are only read as
// quoting with csv-parse's trim. It costs a third of the parse, so only such files pay for it.
const SPACED_QUOTE: Record<Separator, RegExp> = {
  ';': /(?:^|[\n;])[ \t]+"|"[ \t]+(?:$|[\n;])/,
  ',': /(?:^|[\n,])[ \t]+"|"[ \t]+(?:$|[\n,])/,
  '\t': /(?:^|[\n\t])[ \t]+"|"[ \t]+(?:$|[\n\t])/,
};

export interface FileRecords {
  /** Every record with a value in it, the header first. Cells are not trimmed. */
  records: string[][];
  /** The line in the file where each record starts (1 for the first line). */
  lines: number[];
}

function lineBreaksIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count++;
  }
  return count;
}

// Blank lines, and rows spreadsheets write as ";;;;" once a cell was touched: no one meant them.
function isBlank(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Lines with something in them: never fewer than the file's filled records, and exactly as many
 * when no cell is quoted (only a quoted cell holds a line break). A few ms per MB.
 */
function filledLines(text: string, separator: Separator): number {
  const separatorCode = separator.charCodeAt(0);
  let count = 0;
  let filled = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      if (filled) count++;
      filled = false;
    } else if (!filled && code !== separatorCode && code !== 32 && code !== 9) {
      filled = true;
    }
  }
  return filled ? count + 1 : count;
}

function parseCsv(text: string, separator: Separator): string[][] {
  // Counting records as csv-parse reads them (on_record) makes it build a context object per
  // record: a third of the parse. Only a file with more filled lines than the cap can have more
  // rows than it, and one without quotes has exactly as many: refused before it is parsed.
  const mayBeTooLong = filledLines(text, separator) > MAX_IMPORT_ROWS + 1;
  if (mayBeTooLong && !text.includes('"')) throw tooManyRows();
  let filled = 0;
  try {
    return parse(text, {
      delimiter: separator,
      relax_column_count: true,
      // Stray quotes inside an unquoted cell (Anna "Nisse" Berg) are text, not an error.
      relax_quotes: true,
      trim: SPACED_QUOTE[separator].test(text),
      // Counted as they are read, so a file of a million rows stops at the cap, not after.
      ...(mayBeTooLong && {
        on_record: (cells: string[]) => {
          if (!isBlank(cells) && ++filled > MAX_IMPORT_ROWS + 1) throw tooManyRows();
          return cells;
        },
      }),
    });
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(`The file cannot be read as CSV: ${error.message}`, { reason: 'csv_unreadable' });
    throw error;
  }
}

/** The file's records and where each starts. A file that is not CSV (an unclosed quote, say) is an ImportFileError. */
export function readRecords(text: string, separator: Separator): FileRecords {
  const all = parseCsv(text.replace(LINE_BREAK, '\n'), separator);
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  for (const cells of all) {
    if (!isBlank(cells)) {
      records.push(cells);
      lines.push(line);
    }
    line += 1 + lineBreaksIn(cells);
  }
  return { records, lines };
}
