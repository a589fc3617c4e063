import { DateTime } from 'luxon';
import { mailTexts, type MailLanguage, type MailTopic } from './mail-texts.ts';

/** One thing an email tells about one session (or, for `personal_link`, none). */
export interface MailItem {
  topic: MailTopic;
  session?: { startsAt: number; endsAt: number; room: string; address: string | null };
  /** Set while the booking can still be cancelled: the one-click cancel link names it. */
  cancellableBookingId?: number;
}

export interface Letter {
  language: MailLanguage;
  name: string;
  /** `<origin>/me#token=…`: the volunteer's personal page. */
  personalLink: string;
  timeZone: string;
  items: MailItem[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The one-click cancel: it opens the personal page with the booking named, and the page asks once.
 * A GET that cancelled would be fired by every mail scanner that follows links.
 */
export const cancelLink = (personalLink: string, bookingId: number) => `${personalLink}&cancel=${bookingId}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text plus simple HTML with the same words; no images, no tracking, no link rewriting. */
export function renderMail(letter: Letter): RenderedMail {
  const t = mailTexts[letter.language];
  const when = (session: NonNullable<MailItem['session']>) => {
    const zone = { zone: letter.timeZone, locale: t.locale };
    const start = DateTime.fromMillis(session.startsAt, zone).toFormat(t.dateFormat);
    return `${start}–${DateTime.fromMillis(session.endsAt, zone).toFormat('HH:mm')}`;
  };
  const [first] = letter.items;
  const subject =
    letter.items.length === 1 && first ? t.subject[first.topic](first.session ? when(first.session) : '') : t.several;

  // Each part is a list of paragraphs, each a list of lines; a line is text or a link.
  type Line = string | { label: string; href: string };
  const parts: Line[][] = [[t.hello(letter.name)]];
  for (const item of letter.items) {
    parts.push([t.lead[item.topic]]);
    if (item.session) {
      const { room, address } = item.session;
      parts.push([when(item.session), `${t.room}: ${room}`, ...(address ? [`${t.address}: ${address}`] : [])]);
    }
    if (item.cancellableBookingId !== undefined) {
      const href = cancelLink(letter.personalLink, item.cancellableBookingId);
      parts.push([t.cancel, { label: href, href }]);
    }
  }
  parts.push([t.personalLink, { label: letter.personalLink, href: letter.personalLink }, t.keepPrivate]);
  parts.push([t.why]);

  const text = parts.map((lines) => lines.map((line) => (typeof line === 'string' ? line : line.href)).join('\n')).join('\n\n');
  const htmlLine = (line: Line) =>
    typeof line === 'string' ? escapeHtml(line) : `<a href="${escapeHtml(line.href)}">${escapeHtml(line.label)}</a>`;
  const body = parts.map((lines) => `<p>${lines.map(htmlLine).join('<br>\n')}</p>`).join('\n');
  const html = `<!doctype html>\n<html lang="${letter.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.4">\n${body}\n</body></html>\n`;
  return { subject, text: `${text}\n`, html };
}
