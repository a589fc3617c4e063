import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_LANGUAGES, languageName } from '../lib/languages.ts';
import { SessionPicker } from './SessionPicker.tsx';
import { signUp, type SignupOffer, type SignupResult } from './signup-api.ts';

type Missing = 'needSessions' | 'needName' | 'needAssociation' | 'needContact' | 'needConsent';
const FOCUS: Record<Missing, string> = {
  needSessions: 'signup-sessions',
  needName: 'signup-name',
  needAssociation: 'signup-association',
  needContact: 'signup-email',
  needConsent: 'signup-consent',
};

/** What a link may fill in ahead (a new helper's: `#token=…&association=…&name=…&phone=…`); they can still change it. */
export interface SignupPrefill {
  name: string;
  associationId: string;
  phone: string;
}

/** The prefill a link's fragment carries after its token; absent parts are empty. */
export function prefillFromFragment(hash: string): SignupPrefill {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { name: params.get('name') ?? '', associationId: params.get('association') ?? '', phone: params.get('phone') ?? '' };
}

/** Sessions, a first name, an association, languages, an email and/or a mobile number, and consent. No password. */
export function SignupForm({ token, offer, prefill, onSignedUp }: { token: string; offer: SignupOffer; prefill: SignupPrefill; onSignedUp: (result: SignupResult) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(offer.team ? offer.sessions.map((session) => session.id) : []));
  const [name, setName] = useState(prefill.name);
  // A team link fixes the association; a prefilled one is taken only if it is one of the choices.
  const [association, setAssociation] = useState(
    offer.team ? String(offer.team.associationId) : offer.associations.some((item) => String(item.id) === prefill.associationId) ? prefill.associationId : '',
  );
  const [languages, setLanguages] = useState<string[]>(['sv']);
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState(prefill.phone);
  const [consent, setConsent] = useState(false);
  const [missing, setMissing] = useState<Missing | null>(null);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const toggle = (sessionId: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(sessionId);
      else next.delete(sessionId);
      return next;
    });

  const check = (): Missing | null => {
    if (chosen.size === 0) return 'needSessions';
    if (name.trim() === '') return 'needName';
    if (association === '') return 'needAssociation';
    if (email.trim() === '' && phone.trim() === '') return 'needContact';
    if (!consent) return 'needConsent';
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const problem = check();
    setMissing(problem);
    setFailure(null);
    if (problem) {
      document.getElementById(FOCUS[problem])?.focus();
      return;
    }
    setSending(true);
    const result = await signUp(token, {
      sessionIds: [...chosen],
      name: name.trim(),
      associationId: Number(association),
      ...(email.trim() === '' ? {} : { email: email.trim() }),
      ...(phone.trim() === '' ? {} : { phone: phone.trim() }),
      languages,
    });
    setSending(false);
    if (result.ok) onSignedUp(result.data);
    else setFailure(result.message);
  };

  const problemFor = (which: Missing) =>
    missing === which ? (
      <p id={`${FOCUS[which]}-problem`} className="field-problem">
        {t(`signup.${which}`)}
      </p>
    ) : null;

  return (
    <form className="signup-form" noValidate onSubmit={(event) => void submit(event)} data-testid="signup-form">
      <section className="panel" aria-labelledby="signup-sessions-heading">
        <h2 id="signup-sessions-heading">{t('signup.sessionsHeading')}</h2>
        <p className="muted" id="signup-sessions-hint">
          {t('signup.sessionsHint')}
        </p>
        <div id="signup-sessions" tabIndex={-1}>
          <SessionPicker sessions={offer.sessions} chosen={chosen} onToggle={toggle} describedBy="signup-sessions-hint" />
        </div>
        {problemFor('needSessions')}
      </section>
      <section className="panel" aria-labelledby="signup-details-heading">
        <h2 id="signup-details-heading">{t('signup.detailsHeading')}</h2>
        <div className="field">
          <label htmlFor="signup-name">{t('signup.nameLabel')}</label>
          <input id="signup-name" autoComplete="given-name" maxLength={80} value={name} onChange={(event) => setName(event.target.value)} />
          {problemFor('needName')}
        </div>
        <div className="field">
          <label htmlFor="signup-association">{t('signup.associationLabel')}</label>
          <select id="signup-association" value={association} disabled={offer.team !== null} onChange={(event) => setAssociation(event.target.value)}>
            <option value="" disabled>
              {t('signup.associationChoose')}
            </option>
            {offer.associations.map((item) => (
              <option key={item.id} value={String(item.id)}>
                {item.name}
              </option>
            ))}
          </select>
          {problemFor('needAssociation')}
        </div>
        <fieldset className="field languages">
          <legend>{t('signup.languagesLegend')}</legend>
          {CALL_LANGUAGES.map((code) => (
            <label key={code} className="check">
              <input
                type="checkbox"
                checked={languages.includes(code)}
                onChange={(event) =>
                  setLanguages((current) => (event.target.checked ? [...current, code] : current.filter((known) => known !== code)))
                }
              />
              {languageName(t, code)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="signup-email">{t('signup.emailLabel')}</label>
          <input id="signup-email" type="email" autoComplete="email" maxLength={254} value={email} aria-describedby="signup-contact-hint" onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signup-phone">{t('signup.phoneLabel')}</label>
          <input id="signup-phone" type="tel" autoComplete="tel" maxLength={40} value={phone} aria-describedby="signup-contact-hint" onChange={(event) => setPhone(event.target.value)} />
          <p id="signup-contact-hint" className="muted field-hint">
            {t('signup.contactHint')}
          </p>
          {problemFor('needContact')}
        </div>
      </section>
      <section className="panel signup-privacy" aria-labelledby="signup-privacy-heading">
        <h2 id="signup-privacy-heading">{t('signup.privacyHeading')}</h2>
        <ul>
          <li>{t('signup.privacyWhat')}</li>
          <li>{t('signup.privacyHowLong')}</li>
          <li>{t('signup.privacyWho')}</li>
        </ul>
        <label className="check">
          <input id="signup-consent" type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
          {t('signup.consentLabel')}
        </label>
        {problemFor('needConsent')}
      </section>
      <button type="submit" className="primary signup-submit" aria-disabled={sending}>
        {sending ? t('signup.submitting') : t('signup.submit')}
      </button>
      {failure && (
        <p className="command-error" role="alert">
          {t('signup.failed')}
          <span className="alert-detail"> {failure}</span>
        </p>
      )}
    </form>
  );
}
