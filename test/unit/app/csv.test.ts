import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFile, csvRow } from '../../../server/src/csv.ts';
import { FORMULA_TEXTS, formulaText } from '../../helpers/hostile-payloads.ts';
import { FORMULA_START, splitCsv } from '../../helpers/spreadsheet-split.ts';

const SPLITTERS = [',', ';', '\t'];

describe('CSV cells', () => {
  it('leaves plain cells alone and writes null as an empty cell', () => {
    expect(csvRow(['Åsa', 12, 0.5, null, ''])).toBe('Åsa,12,0.5,,');
  });

  it('quotes cells with any separator, a quote or a line break, doubling the quotes', () => {
    expect(csvRow(['a,b'])).toBe('"a,b"');
    expect(csvRow(['a;b', 'a\tb'])).toBe('"a;b","a\tb"');
    expect(csvRow(['he said "hi"'])).toBe('"he said ""hi"""');
    expect(csvRow(['one\ntwo', 'x\r\ny'])).toBe('"one\ntwo","x\r\ny"');
  });

  it('separates with semicolons when asked, quoting the same cells', () => {
    expect(csvRow(['Åsa', 'a,b', 'a;b', 3], 'semicolon')).toBe('Åsa;"a,b";"a;b";3');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvRow(['=SUM(1)'])).toBe("'=SUM(1)");
    expect(csvRow(['+46701234567', '-2+3', '@cmd'])).toBe("'+46701234567,'-2+3,'@cmd");
    // Defused and quoted: the formula's comma and the leading carriage return both need it.
    expect(csvRow(['=HYPERLINK("http://x","y")'])).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvRow(['\r=1'])).toBe('"\'\r\'=1"');
  });

  it('defuses a formula behind a separator inside the text, too', () => {
    expect(csvRow(['Trevlig;=1+1'])).toBe(`"Trevlig;'=1+1"`);
    expect(csvRow(['Trevlig;=HYPERLINK("http://x","y")'])).toBe(`"Trevlig;'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvRow(['x\t@SUM(A1)'])).toBe(`"x\t'@SUM(A1)"`);
    // A leading tab is defused, and so is what follows it, which a tab-splitting sheet makes a field.
    expect(csvRow(['\t=1'])).toBe(`"'\t'=1"`);
    // A sheet that splits on another separator sees our quotes and line breaks mid-field.
    expect(csvRow(['a "=1"', 'x\n-1'])).toBe(`"a ""'=1""","x\n'-1"`);
  });

  it('writes our own numbers as numbers, negative ones included', () => {
    expect(csvRow([-3, 1.5])).toBe('-3,1.5');
  });
});

describe('a CSV file split by a spreadsheet on , ; or tab', () => {
  const fieldsOf = (cells: string[], separator: 'comma' | 'semicolon', splitter: string) =>
    splitCsv(csvFile([csvRow(['id', 'note'], separator), csvRow(cells, separator)]).slice(1), splitter).flat();

  it.each(SPLITTERS)('holds no field that starts a formula, for every known payload (split on %j)', (splitter) => {
    for (const separator of ['comma', 'semicolon'] as const) {
      const fields = fieldsOf(['1', ...FORMULA_TEXTS], separator, splitter);
      expect(fields.filter((field) => FORMULA_START.test(field))).toEqual([]);
    }
  });

  it('holds no field that starts a formula, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.array(formulaText, { minLength: 1, maxLength: 4 }), fc.constantFrom('comma', 'semicolon' as const), (cells, separator) => {
        for (const splitter of SPLITTERS) {
          const fields = fieldsOf(cells, separator, splitter);
          expect(fields.filter((field) => FORMULA_START.test(field))).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the text back whole when split on its own separator', () => {
    fc.assert(
      fc.property(fc.array(formulaText, { minLength: 1, maxLength: 4 }), fc.constantFrom('comma', 'semicolon' as const), (cells, separator) => {
        const [, row] = splitCsv(csvFile([csvRow(['h'], separator), csvRow(cells, separator)]).slice(1), separator === 'comma' ? ',' : ';');
        expect(row).toHaveLength(cells.length);
        // Only the defusing quote is added, before a formula character.
        row!.forEach((field, i) => expect(field.replace(/'(?=[=+\-@\t\r])/g, '')).toBe(cells[i]!.replace(/'(?=[=+\-@\t\r])/g, '')));
      }),
      { numRuns: 300 },
    );
  });
});
