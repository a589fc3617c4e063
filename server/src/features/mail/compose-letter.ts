import type { MailTopic } from './mail-texts.ts';
import type { PendingMail } from './mail.repo.ts';
import type { MailItem } from './render-mail.ts';

/** Which of one volunteer's due messages go out now (as one email), and which no longer apply. */
export interface Composed {
  items: MailItem[];
  /** Told by the email: marked sent with it. */
  send: number[];
  /** Never to be sent: the booking or session moved on, or the session has begun. */
  drop: number[];
}

/** When one email would tell a booking two things, the later news wins: a change over a reminder, a cancellation over both. */
const WEIGHT: Record<MailTopic, number> = {
  personal_link: 0,
  reminder: 1,
  confirmed: 2,
  waitlisted: 2,
  promoted: 3,
  changed: 4,
  booking_cancelled: 5,
  session_cancelled: 6,
};

/** What a message says now, or null if it no longer applies. Read at sending time, never at queueing. */
function topicOf(mail: PendingMail, now: number): MailTopic | null {
  if (mail.kind === 'personal_link') return 'personal_link';
  const session = mail.session;
  // Nothing about a session is worth an email once it has begun.
  if (!session || session.startsAt <= now) return null;
  const live = session.cancelledAt === null;
  const status = mail.bookingStatus;
  switch (mail.kind) {
    case 'confirmation':
      return live && (status === 'booked' || status === 'waitlisted') ? (status === 'booked' ? 'confirmed' : 'waitlisted') : null;
    case 'promoted':
    case 'reminder':
      return live && status === 'booked' ? (mail.kind === 'promoted' ? 'promoted' : 'reminder') : null;
    case 'changed':
      return live && (status === 'booked' || status === 'waitlisted') ? 'changed' : null;
    case 'cancelled':
      if (!live) return 'session_cancelled';
      return status === 'cancelled' ? 'booking_cancelled' : null;
  }
}

/**
 * One volunteer's due messages as one email: one item per booking (the weightiest news), the
 * sessions in time order. The personal link is in every email's footer, so a personal_link
 * message needs its own item only when it is all there is.
 */
export function composeLetter(pending: readonly PendingMail[], now: number): Composed {
  const byBooking = new Map<number | null, { topic: MailTopic; mail: PendingMail }>();
  const send: number[] = [];
  const drop: number[] = [];
  for (const mail of pending) {
    const topic = topicOf(mail, now);
    if (topic === null) {
      drop.push(mail.id);
      continue;
    }
    send.push(mail.id);
    const held = byBooking.get(mail.bookingId);
    if (!held || WEIGHT[topic] > WEIGHT[held.topic]) byBooking.set(mail.bookingId, { topic, mail });
  }
  const told = [...byBooking.values()].filter(({ topic }) => topic !== 'personal_link' || byBooking.size === 1);
  const items = told
    .sort((a, b) => (a.mail.session?.startsAt ?? 0) - (b.mail.session?.startsAt ?? 0))
    .map(({ topic, mail }): MailItem => {
      const session = mail.session;
      const cancellable = mail.bookingId !== null && session?.cancelledAt === null && (mail.bookingStatus === 'booked' || mail.bookingStatus === 'waitlisted');
      return {
        topic,
        ...(session ? { session: { startsAt: session.startsAt, endsAt: session.endsAt, room: session.room, address: session.address } } : {}),
        ...(cancellable ? { cancellableBookingId: mail.bookingId! } : {}),
      };
    });
  return { items, send, drop };
}
