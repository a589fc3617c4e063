import { useEffect, useState } from 'react';
import { ConnectionProblem, isFinal } from '../connection/ConnectionStatus.tsx';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import { formatTime } from '../lib/format-time.ts';
import { createScreenSocket } from './screen-socket.ts';
import { SCREEN_VIEWS, ScreenViewPanel } from './ScreenViews.tsx';
import { useRotation } from './use-rotation.ts';
import { useScreenState } from './use-screen-state.ts';

const ROTATE_MS = 15_000;

/** The big screen: standings, pace and the day's totals in turn, legible across the room. */
export function ScreenSession({ token }: { token: string }) {
  const [socket] = useState(() => createScreenSocket(token));
  const { connection, reconnect, state } = useScreenState(socket);
  const index = useRotation(SCREEN_VIEWS.length, ROTATE_MS);
  const view = SCREEN_VIEWS[index]!;
  const live = connection.status === 'connected';
  const title = state ? interpolate(sv.screen.title, { room: state.room.name }) : sv.screen.untitled;

  useEffect(() => {
    document.title = `${title} – ${sv.appName}`;
  }, [title]);

  return (
    <div className="screen" data-view={view} data-live={live}>
      <header className="screen-header">
        <h1>{title}</h1>
        <p className={live ? 'screen-live' : 'screen-live screen-offline'} role="status" data-testid="screen-live">
          <span className="screen-live-dot" aria-hidden="true" />
          {live ? sv.screen.live : sv.screen.notLive}
        </p>
      </header>
      <main className="screen-main">
        {isFinal(connection) && (
          <ConnectionProblem connection={connection} onReconnect={reconnect} refusedHint={sv.screen.refusedHint} />
        )}
        {state ? (
          <ScreenViewPanel view={view} state={state} />
        ) : (
          !isFinal(connection) && <p className="screen-waiting">{sv.screen.waiting}</p>
        )}
      </main>
      <footer className="screen-footer">
        <p data-testid="screen-indicator">
          {interpolate(sv.screen.viewOf, { index: index + 1, count: SCREEN_VIEWS.length, name: sv.screen.views[view] })}
        </p>
        <ol className="screen-dots" aria-hidden="true">
          {SCREEN_VIEWS.map((name) => (
            <li key={name} className={name === view ? 'current' : undefined} />
          ))}
        </ol>
        {state && <p>{interpolate(sv.screen.updated, { time: formatTime(state.generatedAt) })}</p>}
      </footer>
    </div>
  );
}
