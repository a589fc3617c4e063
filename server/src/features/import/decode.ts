import { ImportFileError } from './import-error.ts';

// Files come from two places: "CSV UTF-8" (Excel writes a BOM, Google Sheets and LibreOffice
// usually do not) and Swedish Excel's "CSV (semikolonavgränsad)", which is Windows-1252.
// Text that decodes as strict UTF-8 is UTF-8: Windows-1252 å/ä/ö are single bytes >= 0x80,
// which never form a valid UTF-8 sequence in ordinary Swedish text.

export type FileEncoding = 'utf-8' | 'windows-1252';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

// Node since 20.18.3 / 22.13.0 decodes "windows-1252" as Latin-1 (nodejs/node#60888): bytes
// 0x80–0x9f come out as C1 controls instead of € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ,
// and Excel writes ’ and – in names. The table puts them right; on a decoder that is already
// right it changes nothing (the five bytes Windows-1252 leaves undefined stay C1 either way).
const C1_TO_WINDOWS_1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252.decode(bytes).replace(C1, (c) => C1_TO_WINDOWS_1252[c.charCodeAt(0) - 0x80]!);
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The file's text and which encoding it was read in. A UTF-8 byte-order mark is removed. */
export function decodeFile(bytes: Uint8Array): { text: string; encoding: FileEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    // Not fatal: the BOM says UTF-8, so a stray bad byte becomes U+FFFD rather than Windows-1252.
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  // Excel's "Unicode text" is UTF-16: read as either encoding above it would be silent garbage.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportFileError('UTF-16 files are not supported; save the file as CSV (UTF-8 or semicolon-separated)', { reason: 'file_utf16' });
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
