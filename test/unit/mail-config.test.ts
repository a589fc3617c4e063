import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { composeLetter } from '../../server/src/features/mail/compose-letter.ts';
import { describeSmtpError } from '../../server/src/features/mail/mail-sender.ts';
import { mailLanguage } from '../../server/src/features/mail/mail-texts.ts';
import type { PendingMail } from '../../server/src/features/mail/mail.repo.ts';
import { mailStatus } from '../../server/src/startup-banner.ts';

const SMTP_URL = 'smtps://ringstuga:hemligt-lösen@smtp.example.org:465';

describe('the email settings', () => {
  it('leave email off by default, with reminders 24 h and 2 h before and 180 days’ retention', () => {
    const config = loadConfig({});
    expect(config.mail).toBeUndefined();
    expect(config.reminderHours).toEqual([24, 2]);
    expect(config.volunteerRetentionMs).toBe(180 * 24 * 3_600_000);
    expect(mailStatus(config)).toMatch(/^Email is off/);
  });

  it('refuse SMTP_URL without MAIL_FROM, or with another scheme, with a clear message', () => {
    expect(() => loadConfig({ SMTP_URL })).toThrow(/MAIL_FROM is required when SMTP_URL is set/);
    expect(() => loadConfig({ SMTP_URL: 'http://smtp.example.org', MAIL_FROM: 'ring@example.org' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL, MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });

  it('read REMINDER_HOURS as whole hours, largest first, and refuse anything else', () => {
    expect(loadConfig({ REMINDER_HOURS: '2, 48,2' }).reminderHours).toEqual([48, 2]);
    for (const bad of ['0', 'x', '1.5', '24,,2']) expect(() => loadConfig({ REMINDER_HOURS: bad }), bad).toThrow(/REMINDER_HOURS/);
  });

  it('are announced at start without the SMTP URL’s credentials', () => {
    const config = loadConfig({ SMTP_URL, MAIL_FROM: 'Ringstuga <ring@example.org>', PUBLIC_URL: 'https://ring.example.org' });
    expect(config.mail).toEqual({ smtpUrl: SMTP_URL, from: 'Ringstuga <ring@example.org>' });
    const status = mailStatus(config);
    expect(status).toBe('Email is on, from Ringstuga <ring@example.org>: confirmations, change notes and reminders 24 h and 2 h before each session.');
    expect(status).not.toMatch(/hemligt|smtps/);
  });
});

describe('an email', () => {
  const session = { startsAt: 10_000, endsAt: 20_000, cancelledAt: null, room: 'Folkets hus', address: null };
  const mail = (id: number, kind: PendingMail['kind'], extra: Partial<PendingMail> = {}): PendingMail => ({
    id,
    kind,
    bookingId: 7,
    tries: 0,
    bookingStatus: 'booked',
    session,
    ...extra,
  });

  it('tells each booking its latest news once, and drops what no longer applies', () => {
    const cancelled = { bookingStatus: 'cancelled' as const };
    const composed = composeLetter([mail(1, 'reminder', cancelled), mail(2, 'confirmation', cancelled), mail(3, 'cancelled', cancelled)], 0);
    expect(composed).toEqual({ items: [{ topic: 'booking_cancelled', session: { startsAt: 10_000, endsAt: 20_000, room: 'Folkets hus', address: null } }], send: [3], drop: [1, 2] });
    const changed = composeLetter([mail(1, 'reminder'), mail(2, 'changed')], 0);
    expect(changed.items).toEqual([expect.objectContaining({ topic: 'changed', cancellableBookingId: 7 })]);
    expect(changed.send).toEqual([1, 2]);
    // Once the session has begun, nothing about it is sent.
    expect(composeLetter([mail(1, 'reminder')], 10_000)).toEqual({ items: [], send: [], drop: [1] });
  });

  it('is in English only when the volunteer’s languages put English before Swedish', () => {
    expect([[], ['sv', 'en'], ['ar'], ['en'], ['ar', 'en', 'sv']].map(mailLanguage)).toEqual(['sv', 'sv', 'sv', 'en', 'en']);
  });

  it('keeps of an SMTP refusal only its code, status and command, never the text that may quote the address', () => {
    const error = Object.assign(new Error('550 5.1.1 <anna@example.org>: Recipient address rejected'), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO:<anna@example.org>',
    });
    expect(describeSmtpError(error)).toBe('EENVELOPE 550 RCPT');
  });
});
