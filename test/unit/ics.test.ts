import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeCalendar } from '../../server/src/features/me/ics.ts';

/** Undoes folding (RFC 5545 3.1): a CRLF followed by one space joins the lines. */
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('the iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('folds lines at 75 octets, never inside a UTF-8 character, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'Ringpass på Kafé Marx – välkommen! '.repeat(6)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(pieces.slice(1).every((piece) => piece.startsWith(' '))).toBe(true);
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SUMMARY:kort')).toBe('SUMMARY:kort');
  });

  it('writes a calendar with CRLF line ends and one VEVENT per event', () => {
    const text = writeCalendar({
      name: 'Ringstuga',
      now: Date.UTC(2026, 9, 1, 10),
      events: [1, 2].map((n) => ({
        uid: `booking-${n}@ringstuga`,
        start: Date.UTC(2026, 9, 22, 12),
        end: Date.UTC(2026, 9, 22, 14),
        summary: `Ringpass ${n}`,
        location: 'Kafé Marx, Storgatan 1',
        status: 'CONFIRMED' as const,
        sequence: 0,
      })),
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('DTSTART:20261022T120000Z');
    expect(lines).toContain('LOCATION:Kafé Marx\\, Storgatan 1');
    expect([lines[0], lines.at(-2)]).toEqual(['BEGIN:VCALENDAR', 'END:VCALENDAR']);
  });
});
