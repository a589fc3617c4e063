import { sendCommand } from '../connection/command.ts';
import { useTranslation } from 'react-i18next';
import { ContactWorkspace, type OutcomeChoice } from './ContactWorkspace.tsx';
import { EmptyState } from './EmptyState.tsx';
import { FlagCall } from './FlagCall.tsx';
import { ScriptPanel } from './ScriptPanel.tsx';
import type { StationSocket } from './station-socket.ts';
import type { OfferControls } from './use-offer.ts';

interface WorkAreaProps {
  socket: StationSocket;
  controls: OfferControls;
  connected: boolean;
}

/** What a checked-in volunteer works on: the contact on offer, or why there is none. */
export function WorkArea({ socket, controls, connected }: WorkAreaProps) {
  const { t } = useTranslation();
  const { offer, busy, actionError, fetchNext, act } = controls;
  switch (offer.kind) {
    case 'loading':
      return <p className="panel muted">{t('station.loading')}</p>;
    case 'empty':
      return <EmptyState reason={offer.reason} nextAvailableAt={offer.nextAvailableAt} onRetry={() => void fetchNext()} />;
    case 'lapsed':
      return (
        <section className="panel" aria-labelledby="lapsed-heading">
          <h2 id="lapsed-heading">{t('lapsed.heading')}</h2>
          <p>{t('lapsed.body', { name: offer.name })}</p>
          <button type="button" className="primary" autoFocus onClick={() => void fetchNext()}>
            {t('lapsed.next')}
          </button>
        </section>
      );
    case 'queued':
      return (
        <section className="panel" aria-labelledby="queued-heading" data-testid="outcome-queued">
          <h2 id="queued-heading">{t('offline.queuedHeading')}</h2>
          <p>{t('offline.queuedBody')}</p>
          {connected && (
            <button type="button" onClick={() => void controls.flush()}>
              {t('offline.sendNow')}
            </button>
          )}
        </section>
      );
    case 'error':
      return (
        <section className="panel panel-error" role="alert">
          <h2>{offer.message}</h2>
          {offer.detail && <p>{offer.detail}</p>}
          <p className="muted">{t('empty.autoRetry')}</p>
          <button type="button" onClick={() => void fetchNext()}>
            {t('empty.retryNow')}
          </button>
        </section>
      );
    case 'assignment': {
      const { assignment } = offer;
      const name = assignment.contact.name;
      const record = ({ outcome, note, callbackAt, language, answers }: OutcomeChoice) =>
        void controls.record(
          { assignmentId: assignment.id, outcome, note, callbackAt, language, answers },
          t('station.savedOutcome', { outcome: t(`outcomes.${outcome}`), name }),
        );
      const skip = () =>
        void act(
          (station) => sendCommand(station, 'contact:skip', { assignmentId: assignment.id }),
          t('station.skipped', { name }),
        );
      return (
        <ContactWorkspace
          key={assignment.id}
          assignment={assignment}
          // Offline, an outcome is kept on the device; only a skip needs the connection.
          disabled={busy}
          offline={!connected}
          error={actionError}
          onOutcome={record}
          onSkip={skip}
          onNext={() => void fetchNext()}
          onLapse={() => controls.lapse(name)}
          beside={<ScriptPanel socket={socket} list={assignment.contact.list} preferredLanguage={assignment.contact.preferredLanguage} />}
          tools={<FlagCall socket={socket} assignmentId={assignment.id} />}
        />
      );
    }
  }
}
