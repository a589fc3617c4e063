import { normalisePhone } from '@ringstuga/shared/phone';

// Cells as spreadsheets leave them, turned into the values a contact holds. Every pattern is
// compiled once, here: these run once or more per row of files with 100 k rows.

// Excel shows long numbers it took for numbers in scientific notation ("7,01E+08") and writes
// them so to CSV: the digits after the third are gone, there is no number to recover.
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;
// What people put between digits: spaces (also non-breaking), dashes, brackets, dots, slashes.
const PUNCTUATION = /[\s\-–()./]/g;
const DIGITS_ONLY = /^\d+$/;

/** The cell rewritten where a Swedish spelling would otherwise be misread; else the cell as is. */
function swedishSpelling(cell: string): string {
  const digits = cell.replace(PUNCTUATION, '');
  if (!DIGITS_ONLY.test(digits)) return cell; // "+46…", letters: libphonenumber decides
  // The country code written without "+" or "00" ("46701234567"). A national number starts
  // with 0, so 11 digits starting with 46 can only be this; libphonenumber would guess.
  if (digits.length === 11 && digits.startsWith('46')) return `+${digits}`;
  // A mobile number whose leading zero a spreadsheet dropped by storing it as a number
  // ("701234567"). libphonenumber happens to accept a valid national number without its 0 as
  // well; this is said here so the commonest case does not rest on that leniency.
  if (digits.length === 9 && digits.startsWith('7')) return `0${digits}`;
  return cell;
}

/** E.164 form of a phone cell, or null when it is not a valid number. */
export function phoneFromCell(cell: string): string | null {
  if (cell === '' || SCIENTIFIC.test(cell)) return null;
  return normalisePhone(swedishSpelling(cell));
}

const PRIORITIES = new Map<string, 1 | 2 | 3>([
  ['1', 1],
  ['2', 2],
  ['3', 3],
  ['hög', 1],
  ['high', 1],
  ['normal', 2],
  ['låg', 3],
  ['low', 3],
]);

/** 1 (call first) to 3; an empty cell is the normal 2; null when the cell says something else. */
export function priorityFromCell(cell: string): 1 | 2 | 3 | null {
  if (cell === '') return 2;
  return PRIORITIES.get(cell.toLowerCase()) ?? null;
}

// Lists name the language a member prefers, in Swedish (or English), or give its ISO code.
const LANGUAGES = new Map<string, string>([
  ['svenska', 'sv'],
  ['engelska', 'en'],
  ['arabiska', 'ar'],
  ['somaliska', 'so'],
  ['persiska', 'fa'],
  ['tigrinja', 'ti'],
  ['finska', 'fi'],
  ['spanska', 'es'],
  ['turkiska', 'tr'],
  ['polska', 'pl'],
  ['kurdiska', 'ku'],
  ['swedish', 'sv'],
  ['english', 'en'],
  ['arabic', 'ar'],
  ['somali', 'so'],
  ['persian', 'fa'],
  ['farsi', 'fa'],
  ['tigrinya', 'ti'],
  ['finnish', 'fi'],
  ['spanish', 'es'],
  ['turkish', 'tr'],
  ['polish', 'pl'],
  ['kurdish', 'ku'],
]);
const ISO_CODE = /^[a-z]{2,3}$/;

/** A lower-case ISO 639 code, or null when the cell is empty or names no language we know. */
export function languageFromCell(cell: string): string | null {
  const lower = cell.toLowerCase();
  if (ISO_CODE.test(lower)) return lower;
  return LANGUAGES.get(lower) ?? null;
}

/** A free-text cell as stored: null when empty. */
export function textFromCell(cell: string): string | null {
  return cell === '' ? null : cell;
}
