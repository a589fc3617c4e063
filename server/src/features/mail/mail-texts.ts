// Every word an email says, in Swedish (the default) and English, like the client's i18n: `en`
// must have `sv`'s shape, so a text added to one and forgotten in the other fails the typecheck.

/** What one part of an email tells: the kind of message, and for a booking whether it waits or was cancelled. */
export type MailTopic = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'changed' | 'session_cancelled' | 'booking_cancelled' | 'personal_link';

export type MailLanguage = 'sv' | 'en';

const sv = {
  locale: 'sv',
  /** Luxon formats: the weekday and date, then the times. */
  dateFormat: "cccc d LLLL 'kl.' HH:mm",
  hello: (name: string) => (name ? `Hej ${name}!` : 'Hej!'),
  subject: {
    confirmed: (when: string) => `Du är anmäld: ringstuga ${when}`,
    waitlisted: (when: string) => `Du står på väntelistan: ringstuga ${when}`,
    promoted: (when: string) => `Du har fått en plats: ringstuga ${when}`,
    reminder: (when: string) => `Påminnelse: ringstuga ${when}`,
    changed: (when: string) => `Ändrad tid eller plats: ringstuga ${when}`,
    session_cancelled: (when: string) => `Inställd: ringstuga ${when}`,
    booking_cancelled: (when: string) => `Avbokad: ringstuga ${when}`,
    personal_link: () => 'Din länk till Ringstuga',
  } satisfies Record<MailTopic, (when: string) => string>,
  several: 'Dina pass i ringstugan',
  lead: {
    confirmed: 'Tack för att du anmält dig! Du är anmäld till:',
    waitlisted: 'Passet är fullt, så du står på väntelistan. Du får ett mejl om en plats blir ledig:',
    promoted: 'En plats blev ledig, och den är din:',
    reminder: 'Snart är det dags att ringa:',
    changed: 'Passet har fått ny tid eller plats. Nu gäller:',
    session_cancelled: 'Passet är tyvärr inställt:',
    booking_cancelled: 'Din plats är avbokad:',
    personal_link: 'Här är din personliga länk.',
  } satisfies Record<MailTopic, string>,
  room: 'Lokal',
  address: 'Adress',
  cancel: 'Kan du inte komma? Avboka här, så får någon annan platsen:',
  personalLink: 'Dina pass, och din länk för att boka fler:',
  keepPrivate: 'Länken är personlig: dela den inte.',
  why: 'Du får det här mejlet för att du anmält dig till en ringstuga.',
};

const en: typeof sv = {
  locale: 'en-GB',
  dateFormat: "cccc d LLLL, HH:mm",
  hello: (name) => (name ? `Hello ${name},` : 'Hello,'),
  subject: {
    confirmed: (when) => `You are booked: phone bank ${when}`,
    waitlisted: (when) => `You are on the waiting list: phone bank ${when}`,
    promoted: (when) => `A place is yours: phone bank ${when}`,
    reminder: (when) => `Reminder: phone bank ${when}`,
    changed: (when) => `New time or place: phone bank ${when}`,
    session_cancelled: (when) => `Cancelled: phone bank ${when}`,
    booking_cancelled: (when) => `Booking cancelled: phone bank ${when}`,
    personal_link: () => 'Your Ringstuga link',
  },
  several: 'Your phone bank sessions',
  lead: {
    confirmed: 'Thank you for signing up! You are booked for:',
    waitlisted: 'The session is full, so you are on the waiting list. We will email you if a place comes free:',
    promoted: 'A place came free, and it is yours:',
    reminder: 'It will soon be time to call:',
    changed: 'The session has a new time or place. It is now:',
    session_cancelled: 'Sorry, the session is cancelled:',
    booking_cancelled: 'Your place is cancelled:',
    personal_link: 'Here is your personal link.',
  },
  room: 'Room',
  address: 'Address',
  cancel: 'Cannot come? Cancel here, so someone else gets the place:',
  personalLink: 'Your sessions, and your link to book more:',
  keepPrivate: 'The link is personal: do not share it.',
  why: 'You get this email because you signed up for a phone bank.',
};

export const mailTexts: Record<MailLanguage, typeof sv> = { sv, en };

/** Swedish unless the volunteer's languages put English before Swedish. */
export function mailLanguage(languages: readonly string[]): MailLanguage {
  const known = languages.find((language) => language === 'sv' || language === 'en');
  return known === 'en' ? 'en' : 'sv';
}
