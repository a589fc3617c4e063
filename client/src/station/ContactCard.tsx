import type { ContactCard as Contact } from '@ringstuga/shared';
import { useEffect, useRef } from 'react';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { AttemptHistory } from './AttemptHistory.tsx';

interface ContactCardProps {
  contact: Contact;
}

export function ContactCard({ contact }: ContactCardProps) {
  const phoneRef = useRef<HTMLAnchorElement>(null);
  // A new contact puts focus where the next step is: dialling, with Enter. React's autoFocus
  // skips links, hence the effect; the card mounts once per assignment.
  useEffect(() => phoneRef.current?.focus(), []);

  return (
    <article className="contact-card" aria-labelledby="contact-name">
      <p className="contact-place">
        {contact.municipality.name} · {contact.association.name}
      </p>
      <h2 id="contact-name" className="contact-name">
        {contact.name}
      </h2>
      <a
        ref={phoneRef}
        className="contact-phone"
        href={`tel:${contact.phone}`}
        aria-label={`${interpolate(sv.contact.call, { name: contact.name })}, ${contact.phoneDisplay}`}
      >
        {contact.phoneDisplay}
      </a>
      <dl className="contact-facts">
        <div>
          <dt>{sv.contact.municipality}</dt>
          <dd>{contact.municipality.name}</dd>
        </div>
        <div>
          <dt>{sv.contact.association}</dt>
          <dd>{contact.association.name}</dd>
        </div>
        {contact.votingDistrict && (
          <div>
            <dt>{sv.contact.votingDistrict}</dt>
            <dd>{contact.votingDistrict}</dd>
          </div>
        )}
      </dl>
      <AttemptHistory attempts={contact.attempts} history={contact.history} />
    </article>
  );
}
