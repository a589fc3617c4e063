import { useEffect, useState } from 'react';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { LeaderboardTable } from '../leaderboard/LeaderboardTable.tsx';
import { ConnectionBadge, ConnectionProblem, isFinal } from './ConnectionStatus.tsx';
import { ContactWorkspace, type OutcomeChoice } from './ContactWorkspace.tsx';
import { EmptyState } from './EmptyState.tsx';
import { createStationSocket } from './station-socket.ts';
import { useAutoRetry } from './use-auto-retry.ts';
import { useOffer, type OfferControls } from './use-offer.ts';
import { useStationConnection } from './use-station-connection.ts';

export function StationSession({ token }: { token: string }) {
  const [socket] = useState(() => createStationSocket(token));
  const controls = useOffer(socket);
  const { fetchNext } = controls;
  // Every connect, first or after a drop, asks for a contact: the server hands back the
  // assignment this station still holds, so a reconnect resumes the same contact.
  const { connection, hello, board, reconnect } = useStationConnection(socket, () => void fetchNext());
  const connected = connection.status === 'connected';
  useAutoRetry(controls.offer, connected, fetchNext);

  const title = hello ? stationTitle(hello.station) : sv.station.untitled;

  useEffect(() => {
    document.title = `${title} – ${sv.appName}`;
  }, [title]);

  const onScreen = controls.offer.kind === 'assignment' ? controls.offer.assignment : null;
  // A contact on screen stays through a short drop (its number is still useful); a final
  // refusal, or a drop with nothing else to show, is told in full in the work area.
  const problem = isFinal(connection) || (!onScreen && !connected && connection.status !== 'connecting');

  return (
    <div className="station">
      <header className="station-header">
        <h1>{title}</h1>
        <ConnectionBadge connection={connection} />
      </header>
      {hello?.demo && (
        <p className="demo-banner" role="note">
          {sv.station.demoBanner}
        </p>
      )}
      <main className="station-layout">
        <div className="station-work">
          <p className="notice" aria-live="polite">
            {controls.notice}
          </p>
          {problem && <ConnectionProblem connection={connection} onReconnect={reconnect} />}
          {(onScreen || !problem) && <WorkArea controls={controls} connected={connected} />}
        </div>
        <aside className="station-board">
          <LeaderboardTable view={board} highlightCode={onScreen?.contact.municipality.code} />
        </aside>
      </main>
    </div>
  );
}

interface WorkAreaProps {
  controls: OfferControls;
  connected: boolean;
}

function WorkArea({ controls, connected }: WorkAreaProps) {
  const { offer, busy, actionError, fetchNext, act } = controls;
  switch (offer.kind) {
    case 'loading':
      return <p className="panel muted">{sv.station.loading}</p>;
    case 'empty':
      return <EmptyState reason={offer.reason} nextAvailableAt={offer.nextAvailableAt} onRetry={() => void fetchNext()} />;
    case 'error':
      return (
        <section className="panel panel-error" role="alert">
          <h2>{offer.message}</h2>
          {offer.detail && <p>{offer.detail}</p>}
          <p className="muted">{sv.empty.autoRetry}</p>
          <button type="button" onClick={() => void fetchNext()}>
            {sv.empty.retryNow}
          </button>
        </section>
      );
    case 'assignment': {
      const { assignment } = offer;
      const name = assignment.contact.name;
      const record = ({ outcome, note, callbackAt }: OutcomeChoice) =>
        void act(
          (socket) => socket.emitWithAck('call:outcome', { assignmentId: assignment.id, outcome, note, callbackAt }),
          interpolate(sv.station.savedOutcome, { outcome: sv.outcomes[outcome], name }),
        );
      const skip = () =>
        void act(
          (socket) => socket.emitWithAck('contact:skip', { assignmentId: assignment.id }),
          interpolate(sv.station.skipped, { name }),
        );
      return (
        <ContactWorkspace
          key={assignment.id}
          assignment={assignment}
          disabled={busy || !connected}
          offline={!connected}
          error={actionError}
          onOutcome={record}
          onSkip={skip}
          onNext={() => void fetchNext()}
        />
      );
    }
  }
}

/** "Station 3 – Köksbordet", or just the name when it already says which station it is. */
function stationTitle(station: { number: number; name: string }): string {
  if (station.name.includes(String(station.number))) return station.name;
  return interpolate(sv.station.title, { number: station.number, name: station.name });
}
