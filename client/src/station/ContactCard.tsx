import type { ContactCard as Contact } from '@ringstuga/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../lib/languages.ts';
import { AttemptHistory } from './AttemptHistory.tsx';

interface ContactCardProps {
  contact: Contact;
}

export function ContactCard({ contact }: ContactCardProps) {
  const { t } = useTranslation();
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
        aria-label={`${t('contact.call', { name: contact.name })}, ${contact.phoneDisplay}`}
      >
        {contact.phoneDisplay}
      </a>
      <dl className="contact-facts">
        <div>
          <dt>{t('contact.municipality')}</dt>
          <dd>{contact.municipality.name}</dd>
        </div>
        <div>
          <dt>{t('contact.association')}</dt>
          <dd>{contact.association.name}</dd>
        </div>
        {contact.votingDistrict && (
          <div>
            <dt>{t('contact.votingDistrict')}</dt>
            <dd>{contact.votingDistrict}</dd>
          </div>
        )}
        {contact.preferredLanguage && (
          <div>
            <dt>{t('contact.preferredLanguage')}</dt>
            <dd data-testid="preferred-language">{languageName(t, contact.preferredLanguage)}</dd>
          </div>
        )}
      </dl>
      <AttemptHistory attempts={contact.attempts} history={contact.history} />
    </article>
  );
}
