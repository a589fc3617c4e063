import type { CallOutcomeInput, PhoneContact } from '@ringstuga/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge, connectionText, isFinal } from '../connection/ConnectionStatus.tsx';
import { refusedForGood, useSocketConnection } from '../connection/use-socket-connection.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import type { FlushResult } from '../offline/outbox.ts';
import { languageName } from '../lib/languages.ts';
import { useNow } from '../lib/use-now.ts';
import { openOutbox, useOutbox } from '../offline/use-outbox.ts';
import { PhoneOutcomes } from './PhoneOutcomes.tsx';
import { createPhoneSocket } from './phone-socket.ts';
import { usePhoneContact } from './use-phone-contact.ts';

export function PhoneSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const socket = useMemo(() => createPhoneSocket(token), [token]);
  const { contact, received, clear } = usePhoneContact(socket);
  const { connection } = useSocketConnection(socket);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onFlushed = useCallback(
    (result: FlushResult) => setNotice(result.refused.length > 0 ? t('offline.someRefused') : t('offline.sentLater', { count: result.sent })),
    [t],
  );
  // Outcomes recorded here while offline: call ids and outcomes only, no names or numbers.
  const [store] = useState(() => openOutbox('phone', token));
  const outbox = useOutbox(store, socket, onFlushed);
  // A pairing that ended (revoked, replaced, expired, checked out) shows nobody any more, and what
  // waits here can no longer be sent: the volunteer is told, and records it on the station.
  const ended = isFinal(connection);
  useEffect(() => {
    const giveUp = () => {
      const lost = store.discard();
      if (lost > 0) setProblem(t('offline.discarded', { count: lost }));
    };
    // The server's refusal at connect, or its disconnect: either way nobody tries again. (A join it
    // could not check just now is tried again: what waits here is kept for it.)
    const onConnectError = (error: Error) => refusedForGood(socket, error) && giveUp();
    const onDisconnect = (reason: string) => reason === 'io server disconnect' && giveUp();
    socket.on('connect_error', onConnectError);
    socket.on('disconnect', onDisconnect);
    return () => {
      socket.off('connect_error', onConnectError);
      socket.off('disconnect', onDisconnect);
    };
  }, [socket, store, t]);
  // The lease ran out: the contact may be another station's now, so it leaves the phone.
  const now = useNow(1_000);
  const shown = ended || (contact && Date.parse(contact.expiresAt) <= now) ? null : contact;

  const record = async (input: CallOutcomeInput) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const sent = await outbox.send(input);
      if (sent.kind === 'queued') {
        // The call is over: it goes off the screen, and its outcome waits here for the connection.
        clear();
        setNotice(t('offline.queued'));
      } else if (sent.result.ok) {
        // No name: nothing of the person stays on the phone after the call.
        setNotice(t('phone.saved', { outcome: t(`outcomes.${input.outcome}`) }));
      } else {
        setProblem(t(`errors.codes.${sent.result.error.code}`));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="phone-page">
      <header className="phone-header">
        <p className="phone-brand">{t('phone.title')}</p>
        <ConnectionBadge connection={connection} />
        <LanguageSwitch />
      </header>
      <main className="phone-main" aria-live="polite">
        {outbox.pending > 0 && (
          <p className="pending-outcomes" role="status" data-testid="pending-outcomes">
            {t('offline.pending', { count: outbox.pending })}
          </p>
        )}
        {ended ? (
          <section className="panel panel-error" role="alert">
            <h1>{t('phone.endedHeading')}</h1>
            <p>{t('phone.endedBody')}</p>
          </section>
        ) : shown ? (
          <PhoneCall contact={shown} busy={busy} onRecord={(input) => void record(input)} />
        ) : (
          <section className="panel phone-waiting">
            <h1>{received ? t('phone.waitingHeading') : t('loading')}</h1>
            {received && <p>{t('phone.waitingBody')}</p>}
          </section>
        )}
        {/* A refusal that passes (the server busy, the address's failed joins): the page tries again by itself. */}
        {!ended && 'why' in connection && connection.why !== undefined && (
          <p className="notice" role="status" data-testid="join-waiting">
            {connectionText(t, connection)}
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
      </main>
    </div>
  );
}

function PhoneCall({ contact, busy, onRecord }: { contact: PhoneContact; busy: boolean; onRecord: (input: CallOutcomeInput) => void }) {
  const { t } = useTranslation();
  return (
    <section className="phone-call" aria-labelledby="phone-contact-name">
      <h1 id="phone-contact-name">{contact.name}</h1>
      <p className="muted">
        {contact.list.name}
        {contact.preferredLanguage && <> · {t('phone.prefers', { language: languageName(t, contact.preferredLanguage) })}</>}
      </p>
      <a className="phone-call-button" href={`tel:${contact.phone}`}>
        {t('phone.call', { number: contact.phoneDisplay })}
      </a>
      <PhoneOutcomes key={contact.assignmentId} contact={contact} busy={busy} onRecord={onRecord} />
    </section>
  );
}
