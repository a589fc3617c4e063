import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { CopyLink } from '../lib/CopyLink.tsx';
import { TokenGate } from '../lib/TokenGate.tsx';
import { prefillFromFragment, SignupForm } from './SignupForm.tsx';
import { fetchOffer, type SignupOffer, type SignupResult } from './signup-api.ts';
import './signup.css';

/** `/signup#token=…` (a sign-up link or a team's): pick sessions, say who you are, get a personal link. */
export function SignupPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('signup.title')} missing={t('signup.missingToken')}>
      {(token) => <SignupSession key={token} token={token} />}
    </TokenGate>
  );
}

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string; lasting: boolean } | { kind: 'ready'; offer: SignupOffer };

function SignupSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState<SignupResult | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    void fetchOffer(token, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoaded(result.ok ? { kind: 'ready', offer: result.data } : { kind: 'failed', message: result.message, lasting: result.lasting });
    });
    return () => controller.abort();
  }, [token, attempt]);

  const team = loaded.kind === 'ready' ? loaded.offer.team : null;
  return (
    <>
      <header className="station-header signup-header">
        <h1>{team ? t('signup.titleTeam', { association: team.association }) : t('signup.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="signup-layout" aria-busy={loaded.kind === 'loading'}>
        {done ? (
          <SignedUp result={done} />
        ) : loaded.kind === 'loading' ? (
          <p className="muted">{t('loading')}</p>
        ) : loaded.kind === 'failed' ? (
          <div className="alert" role="alert">
            <p>{t('signup.loadFailed')}</p>
            <p className="alert-detail">{loaded.message}</p>
            {loaded.lasting ? (
              <p>{t('signup.refusedHint')}</p>
            ) : (
              <button type="button" onClick={() => setAttempt((value) => value + 1)}>
                {t('signup.retry')}
              </button>
            )}
          </div>
        ) : (
          <>
            <p className="signup-lead">{t('signup.lead')}</p>
            <SignupForm token={token} offer={loaded.offer} prefill={prefillFromFragment(window.location.hash)} onSignedUp={setDone} />
          </>
        )}
      </main>
    </>
  );
}

/** The answer: what was booked, what waits, and the personal link (the only way back in: no password). */
function SignedUp({ result }: { result: SignupResult }) {
  const { t } = useTranslation();
  const booked = result.bookings.filter((booking) => booking.status === 'booked').length;
  const waiting = result.bookings.filter((booking) => booking.status === 'waitlisted').length;
  return (
    <section className="panel signed-up" aria-labelledby="signed-up-heading" data-testid="signed-up">
      <h2 id="signed-up-heading" tabIndex={-1} ref={(heading) => heading?.focus()}>
        {t('signup.doneHeading')}
      </h2>
      <p>{t('signup.doneBooked', { count: booked })}</p>
      {waiting > 0 && <p>{t('signup.doneWaiting', { count: waiting })}</p>}
      <p>{t('signup.personalLinkHint')}</p>
      <p>
        <a className="button-link primary" href={result.url} data-testid="personal-link">
          {t('signup.openPersonal')}
        </a>
      </p>
      <CopyLink id="personal-link-url" label={t('signup.personalLinkLabel')} url={result.url} />
    </section>
  );
}
