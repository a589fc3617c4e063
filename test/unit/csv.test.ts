import { describe, expect, it } from 'vitest';
import { csvRow } from '../../server/src/csv.ts';

describe('CSV cells', () => {
  it('leaves plain cells alone and writes null as an empty cell', () => {
    expect(csvRow(['Åsa', 12, 0.5, null, ''])).toBe('Åsa,12,0.5,,');
  });

  it('quotes cells with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvRow(['a,b'])).toBe('"a,b"');
    expect(csvRow(['he said "hi"'])).toBe('"he said ""hi"""');
    expect(csvRow(['one\ntwo', 'x\r\ny'])).toBe('"one\ntwo","x\r\ny"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvRow(['=SUM(1)'])).toBe("'=SUM(1)");
    expect(csvRow(['+46701234567', '-2+3', '@cmd', '\tx'])).toBe("'+46701234567,'-2+3,'@cmd,'\tx");
    // Defused and quoted: the formula's comma and the leading carriage return both need it.
    expect(csvRow(['=HYPERLINK("http://x","y")'])).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvRow(['\r=1'])).toBe('"\'\r=1"');
  });

  it('writes our own numbers as numbers, negative ones included', () => {
    expect(csvRow([-3, 1.5])).toBe('-3,1.5');
  });
});
