// Swedish Excel writes semicolons (the comma is the decimal mark), most other tools commas,
// copy-paste from a spreadsheet gives tabs. The header line decides: it has one separator
// between every pair of column names and, unlike data rows, rarely commas inside values.

export type Separator = ';' | ',' | '\t';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const TAB = 0x09;

/** The separator most used, outside double quotes, on the first non-empty line (the header). */
export function detectSeparator(text: string): Separator {
  let semicolons = 0;
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      quoted = !quoted; // a doubled quote "" toggles twice: still right
      seenContent = true;
      continue;
    }
    if (quoted) continue;
    if (code === LF || code === CR) {
      if (seenContent) break;
      continue; // blank lines before the header
    }
    if (code !== SPACE) seenContent = true;
    if (code === SEMICOLON) semicolons++;
    else if (code === COMMA) commas++;
    else if (code === TAB) tabs++;
  }
  if (semicolons > commas && semicolons > tabs) return ';';
  if (commas > semicolons && commas > tabs) return ',';
  if (tabs > semicolons && tabs > commas) return '\t';
  // A tie or nothing at all (a one-column file): semicolon if there is one, as Swedish Excel would.
  return semicolons > 0 ? ';' : ',';
}
