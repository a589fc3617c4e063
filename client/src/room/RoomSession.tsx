import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBadge, ConnectionProblem, isFinal } from '../connection/ConnectionStatus.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { formatTime } from '../lib/format-time.ts';
import { TodaysTeams } from '../teams/TodaysTeams.tsx';
import { FlagsPanel } from './FlagsPanel.tsx';
import { ListsPanel } from './ListsPanel.tsx';
import { MessageForm } from './MessageForm.tsx';
import { PacePanel } from './PacePanel.tsx';
import { QuestionTotalsPanel } from './QuestionTotalsPanel.tsx';
import { createRoomSocket } from './room-socket.ts';
import { RemoteStationsPanel } from './RemoteStationsPanel.tsx';
import { CompareLink } from '../compare/CompareLink.tsx';
import { PlanningLink } from './PlanningLink.tsx';
import { ScreenLink } from './ScreenLink.tsx';
import { StandingsPanel } from './StandingsPanel.tsx';
import { StationTiles } from './StationTiles.tsx';
import { VolunteerTotalsPanel } from './VolunteerTotalsPanel.tsx';
import { useRoomState } from './use-room-state.ts';

/** The call leader's board: the room's stations, pace, lists, flags and standings, live; campaign totals polled. */
export function RoomSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const [socket] = useState(() => createRoomSocket(token));
  const { connection, reconnect, state } = useRoomState(socket);
  const title = state ? t('room.title', { room: state.room.name }) : t('room.untitled');

  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);

  // The last board stays through a drop (greyed by the badge); commands say they cannot be sent.
  const problem = isFinal(connection) || (connection.status !== 'connected' && connection.status !== 'connecting');

  return (
    <div className="room">
      <header className="station-header">
        <h1>{title}</h1>
        {state && <p className="muted room-updated">{t('room.updated', { time: formatTime(state.generatedAt) })}</p>}
        <ConnectionBadge connection={connection} />
        <LanguageSwitch />
      </header>
      <main className="room-layout">
        {problem && <ConnectionProblem connection={connection} onReconnect={reconnect} refusedHint={t('room.refusedHint')} />}
        {!state ? (
          !problem && <p className="panel muted">{t('room.loading')}</p>
        ) : (
          <>
            <StationTiles socket={socket} state={state} />
            <div className="room-columns">
              <div className="room-column">
                <FlagsPanel socket={socket} flags={state.flags} />
                <TodaysTeams teams={state.teams} />
                <MessageForm socket={socket} />
                <PacePanel pace={state.pace} />
                <QuestionTotalsPanel socket={socket} questions={state.questions} lists={state.lists} screenQuestion={state.screenQuestion} />
              </div>
              <div className="room-column">
                <StandingsPanel socket={socket} state={state} standings={state.standings} roomStandings={state.roomStandings} />
                <VolunteerTotalsPanel token={token} />
                <PlanningLink token={token} />
                <CompareLink token={token} />
                <ScreenLink token={token} />
                <RemoteStationsPanel token={token} roomId={state.room.id} stations={state.stations.filter((station) => station.remote)} />
              </div>
            </div>
            <ListsPanel socket={socket} lists={state.lists} />
          </>
        )}
      </main>
    </div>
  );
}
