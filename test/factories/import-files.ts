// Uploaded contact lists as bytes, shaped like the files associations export. Tests fill them
// with invented names and numbers only.

/** Swedish Excel's "CSV (semikolonavgränsad)": Windows-1252, which equals Latin-1 for å, ä, ö. */
export function windows1252File(lines: string[], eol = '\r\n'): Uint8Array {
  return Buffer.from(lines.join(eol) + eol, 'latin1');
}

/** "CSV UTF-8"; Excel adds a byte-order mark, most other tools do not. */
export function utf8File(lines: string[], { bom = false, eol = '\n' } = {}): Uint8Array {
  const text = Buffer.from(lines.join(eol) + eol, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]) : text;
}
