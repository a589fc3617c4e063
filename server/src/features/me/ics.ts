// A small iCalendar (RFC 5545) writer: enough for a feed of one person's bookings. What matters
// for calendar apps: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 character),
// and text values with backslash, semicolon, comma and line breaks escaped.

export interface CalendarEvent {
  /** Stable across feeds, so an app updates the event instead of adding another. */
  uid: string;
  start: number;
  end: number;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status: 'CONFIRMED' | 'TENTATIVE';
  /** Raised on each change of time, so apps take the new one. */
  sequence: number;
}

const MAX_OCTETS = 75;

/** Escapes a TEXT value. */
export function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (match) => `\\${match}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into CRLF-joined pieces of at most 75 octets, continuations starting with a space. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // A continuation's leading space counts toward its 75 octets.
    if (octets + size > MAX_OCTETS) {
      pieces.push(piece);
      piece = ' ';
      octets = 1;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n');
}

/** 20261022T120000Z */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function writeCalendar(options: { name: string; now: number; events: CalendarEvent[] }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Ringstuga//Ringstuga//SV', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(options.name)}`];
  for (const event of options.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(options.now)}`,
      `DTSTART:${utc(event.start)}`,
      `DTEND:${utc(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.url ? [`URL:${event.url}`] : []),
      `STATUS:${event.status}`,
      `SEQUENCE:${event.sequence}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
