import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { fetchMe, type Me } from '../signup/signup-api.ts';
import { BookMorePanel } from './BookMorePanel.tsx';
import { CalendarPanel } from './CalendarPanel.tsx';
import { DeleteMePanel } from './DeleteMePanel.tsx';
import { MyBookings } from './MyBookings.tsx';
import { MyPledges } from './MyPledges.tsx';
import { PersonalQr } from './PersonalQr.tsx';

type Loaded = { kind: 'loading' } | { kind: 'failed'; message: string; lasting: boolean } | { kind: 'ready'; me: Me } | { kind: 'deleted' };

export function MeSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((value) => value + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    void fetchMe(token, controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setLoaded((previous) => {
        if (previous.kind === 'deleted') return previous;
        return result.ok ? { kind: 'ready', me: result.data } : { kind: 'failed', message: result.message, lasting: result.lasting };
      });
    });
    return () => controller.abort();
  }, [token, version]);

  return (
    <>
      <header className="station-header signup-header">
        <h1>{loaded.kind === 'ready' ? t('me.titleOf', { name: loaded.me.name }) : t('me.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="signup-layout" aria-busy={loaded.kind === 'loading'}>
        {loaded.kind === 'loading' && <p className="muted">{t('loading')}</p>}
        {loaded.kind === 'deleted' && (
          <p className="notice" role="status" data-testid="me-deleted">
            {t('me.deleted')}
          </p>
        )}
        {loaded.kind === 'failed' && (
          <div className="alert" role="alert">
            <p>{t('me.loadFailed')}</p>
            <p className="alert-detail">{loaded.message}</p>
            {loaded.lasting ? (
              <p>{t('me.refusedHint')}</p>
            ) : (
              <button type="button" onClick={refresh}>
                {t('signup.retry')}
              </button>
            )}
          </div>
        )}
        {loaded.kind === 'ready' && (
          <>
            <MyBookings token={token} bookings={loaded.me.bookings} onChanged={refresh} />
            <BookMorePanel token={token} bookings={loaded.me.bookings} onBooked={refresh} />
            {loaded.me.pledges.length > 0 && <MyPledges pledges={loaded.me.pledges} />}
            <CalendarPanel token={token} />
            <PersonalQr token={token} />
            <DeleteMePanel token={token} onDeleted={() => setLoaded({ kind: 'deleted' })} />
          </>
        )}
      </main>
    </>
  );
}
