import type { ListProgress } from '@ringstuga/shared';

/**
 * Election results per voting district, read in the browser from a file the association picks
 * (public data; it never goes to the server), and paired with the list's conversations.
 *
 * The file has two columns, the district code and the change in vote share in percentage points,
 * as a spreadsheet saves it: an optional header row, `;`, `,` or tab between the columns, a decimal
 * comma or point, UTF-8 (with or without BOM) or Windows-1252.
 */

type District = ListProgress['districts'][number];

export interface DistrictResults {
  /** Change in vote share (percentage points) by district code as written in the file. */
  results: Map<string, number>;
  /** Rows that could not be read: no code, no number, more than two columns, or a code seen before. */
  skipped: number;
}

export type ConversationMeasure = 'absolute' | 'per100';

export interface DistrictPoint {
  district: string;
  /** Conversations in the district, or per 100 of its contacts, as the measure says. */
  conversations: number;
  change: number;
}

export function decodeResultsFile(bytes: ArrayBuffer | Uint8Array): string {
  try {
    // The UTF-8 decoder drops a BOM on its own.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not valid UTF-8: older Swedish Excel saves Windows-1252, which decodes any byte.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Splits one line at `separator` outside double quotes; `""` inside quotes is a quote. */
function splitLine(line: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/**
 * Tab or semicolon when the first line has one, else comma. A decimal comma never decides it:
 * a file that writes "2,4" separates its columns with something else, or quotes the number.
 */
function detectSeparator(firstLine: string): string {
  const outsideQuotes = firstLine.replace(/"(?:[^"]|"")*"/g, '');
  if (outsideQuotes.includes('\t')) return '\t';
  if (outsideQuotes.includes(';')) return ';';
  return ',';
}

/** "+2,4", "-0.5", "−1,2" (the typographic minus), "3 %"; null when it is not a number. */
export function parseChange(cell: string): number | null {
  const compact = cell
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[\u2212\u2013]/, '-')
    .replace(/%$/, '');
  if (!/^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/.test(compact)) return null;
  return Number(compact.replace(',', '.'));
}

/**
 * The key two spellings of one district share: no spaces or hyphens, and, for a numeric code,
 * no leading zeros, which Excel drops when it takes the code for a number ("01800101" → 1800101).
 */
export function districtKey(code: string): string {
  const compact = code.replace(/[\s\u00a0-]/g, '').toUpperCase();
  return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, '') : compact;
}

export function parseDistrictResults(input: ArrayBuffer | Uint8Array | string): DistrictResults {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeResultsFile(input);
  const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
  const results = new Map<string, number>();
  const seen = new Set<string>();
  let skipped = 0;
  if (lines.length === 0) return { results, skipped };

  const separator = detectSeparator(lines[0]!);
  const rows = lines.map((line) => splitLine(line, separator));
  // The header is optional: a first row without a number in the second column is taken for one.
  const first = rows[0]!;
  const body = first.length >= 2 && parseChange(first[1]!) === null ? rows.slice(1) : rows;

  for (const row of body) {
    // Trailing empty cells are what a spreadsheet leaves; a third value means the row is not
    // what it seems (an unquoted "2,4" after a comma, say), and guessing would draw a wrong point.
    while (row.length > 2 && row[row.length - 1] === '') row.pop();
    const code = row[0] ?? '';
    const change = row.length === 2 ? parseChange(row[1]!) : null;
    const key = districtKey(code);
    if (code === '' || change === null || seen.has(key)) {
      skipped += 1;
      continue;
    }
    seen.add(key);
    results.set(code, change);
  }
  return { results, skipped };
}

function resultsByKey(results: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...results].map(([code, change]) => [districtKey(code), change]));
}

/**
 * One point per district that is both in the list and in the file. Per 100 contacts leaves out a
 * district whose contacts are all gone (erased), as there is nothing to divide by.
 */
export function pairDistricts(
  districts: readonly District[],
  results: ReadonlyMap<string, number>,
  measure: ConversationMeasure = 'absolute',
): DistrictPoint[] {
  const byKey = resultsByKey(results);
  const points: DistrictPoint[] = [];
  for (const district of districts) {
    if (district.district === '') continue;
    const change = byKey.get(districtKey(district.district));
    if (change === undefined) continue;
    if (measure === 'per100' && district.contacts === 0) continue;
    const conversations = measure === 'absolute' ? district.conversations : (district.conversations * 100) / district.contacts;
    points.push({ district: district.district, conversations, change });
  }
  return points;
}

/** How the two sides failed to meet: districts in the file but not in the list, and the reverse. */
export function unmatchedCounts(districts: readonly District[], results: ReadonlyMap<string, number>) {
  const listKeys = new Set(districts.filter((d) => d.district !== '').map((d) => districtKey(d.district)));
  const fileKeys = new Set([...results.keys()].map(districtKey));
  return {
    notInList: [...fileKeys].filter((key) => !listKeys.has(key)).length,
    withoutResult: [...listKeys].filter((key) => !fileKeys.has(key)).length,
  };
}
