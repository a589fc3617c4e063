import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionProblem, isFinal } from '../connection/ConnectionStatus.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { formatTime } from '../lib/format-time.ts';
import { createScreenSocket } from './screen-socket.ts';
import { TodaysTeams } from '../teams/TodaysTeams.tsx';
import { ScreenViewPanel, screenViews } from './ScreenViews.tsx';
import { useRotation } from './use-rotation.ts';
import { useScreenState } from './use-screen-state.ts';

const ROTATE_MS = 15_000;

/** The big screen: standings, pace, the day's totals and a question a leader chose, in turn, legible across the room. */
export function ScreenSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const [socket] = useState(() => createScreenSocket(token));
  const { connection, reconnect, state } = useScreenState(socket);
  const views = screenViews(state);
  const index = useRotation(views.length, ROTATE_MS);
  const view = views[index]!;
  const live = connection.status === 'connected';
  const title = state ? t('screen.title', { room: state.room.name }) : t('screen.untitled');

  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);

  return (
    <div className="screen" data-view={view} data-live={live}>
      <header className="screen-header">
        <h1>{title}</h1>
        <p className={live ? 'screen-live' : 'screen-live screen-offline'} role="status" data-testid="screen-live">
          <span className="screen-live-dot" aria-hidden="true" />
          {live ? t('screen.live') : t('screen.notLive')}
        </p>
        <LanguageSwitch />
      </header>
      <main className="screen-main">
        {isFinal(connection) && (
          <ConnectionProblem connection={connection} onReconnect={reconnect} refusedHint={t('screen.refusedHint')} />
        )}
        {state ? (
          <>
            <ScreenViewPanel view={view} state={state} />
            <TodaysTeams teams={state.teams} className="screen-teams" />
          </>
        ) : (
          !isFinal(connection) && <p className="screen-waiting">{t('screen.waiting')}</p>
        )}
      </main>
      <footer className="screen-footer">
        <p data-testid="screen-indicator">
          {t('screen.viewOf', { index: index + 1, count: views.length, name: t(`screen.views.${view}`) })}
        </p>
        <ol className="screen-dots" aria-hidden="true">
          {views.map((name) => (
            <li key={name} className={name === view ? 'current' : undefined} />
          ))}
        </ol>
        {state && <p>{t('screen.updated', { time: formatTime(state.generatedAt) })}</p>}
      </footer>
    </div>
  );
}
