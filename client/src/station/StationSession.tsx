import type { Shift } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePush } from '../connection/use-push.ts';
import { ConnectionBadge, ConnectionProblem, isFinal } from '../connection/ConnectionStatus.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { LeaderboardTable } from '../leaderboard/LeaderboardTable.tsx';
import { PairPhonePanel } from '../pairing/PairPhonePanel.tsx';
import { stationTitle } from '../lib/station-title.ts';
import { BookedCheckin } from './BookedCheckin.tsx';
import { CheckinForm } from './CheckinForm.tsx';
import { RoomMessages } from './RoomMessages.tsx';
import { ShiftPanel } from './ShiftPanel.tsx';
import { createStationSocket } from './station-socket.ts';
import { useAutoRetry } from './use-auto-retry.ts';
import { useOffer } from './use-offer.ts';
import { useRoomMessages } from './use-room-messages.ts';
import { useShift } from './use-shift.ts';
import { useStationConnection } from './use-station-connection.ts';
import { WorkArea } from './WorkArea.tsx';

export function StationSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const [socket] = useState(() => createStationSocket(token));
  const controls = useOffer(socket, token);
  const { offer, fetchNext, reset } = controls;
  const { shift, setShift } = useShift(socket);
  const { messages, dismiss } = useRoomMessages(socket);
  const { connection, hello, board, reconnect } = useStationConnection(socket);
  const [checkedOutNotice, setCheckedOutNotice] = useState(false);
  const connected = connection.status === 'connected';
  // The server's word wins over a shift this page still remembers (e.g. one ended while offline).
  const checkedIn = shift != null && !(offer.kind === 'empty' && offer.reason === 'not_checked_in');
  const shiftId = shift?.id ?? null;

  // Every connect, first or after a drop, and every new shift asks for a contact: the server
  // hands back the assignment this station still holds, so a reconnect resumes the same contact.
  useEffect(() => {
    if (connected && shiftId !== null) void fetchNext();
  }, [connected, shiftId, fetchNext]);
  useAutoRetry(offer, connected && checkedIn, fetchNext);
  // A leader resumed a list or moved this station: with nothing on screen, ask at once.
  usePush(socket, 'lists:changed', () => {
    if (offer.kind === 'empty' && offer.reason !== 'not_checked_in') void fetchNext();
  });

  // The paired phone recorded the outcome of the call on screen: this page moves on as after its own.
  const { recordedElsewhere } = controls;
  usePush(socket, 'call:recorded', ({ assignmentId, outcome }) => {
    if (offer.kind !== 'assignment') return;
    recordedElsewhere(assignmentId, t('pairing.recorded', { outcome: t(`outcomes.${outcome}`), name: offer.assignment.contact.name }));
  });
  // The person on screen was erased: their name and number leave the screen at once.
  usePush(socket, 'contact:withdrawn', ({ assignmentId }) => recordedElsewhere(assignmentId, t('station.withdrawn')));

  const title = hello ? stationTitle(t, hello.station) : t('station.untitled');
  useEffect(() => {
    document.title = `${title} – ${t('appName')}`;
  }, [title, t]);

  const checkedInAs = (next: Shift) => {
    reset();
    setCheckedOutNotice(false);
    setShift(next);
    // Ask now: reset() dropped any answer already on its way (the shift's push can arrive before
    // this acknowledgement and start a request), so waiting for the shift id to change could hang.
    void fetchNext();
  };
  const checkedOut = () => {
    reset();
    setShift(null);
    setCheckedOutNotice(true);
  };

  const onScreen = checkedIn && offer.kind === 'assignment' ? offer.assignment : null;
  // A contact on screen stays through a short drop (its number is still useful); a final
  // refusal, or a drop with nothing else to show, is told in full in the work area.
  // An outcome waiting on the device is what the volunteer needs to see while the connection is gone.
  const queued = checkedIn && offer.kind === 'queued';
  const problem = isFinal(connection) || (!onScreen && !queued && !connected && connection.status !== 'connecting');

  return (
    <div className="station">
      <header className="station-header">
        <h1>{title}</h1>
        <ConnectionBadge connection={connection} />
        <LanguageSwitch />
      </header>
      {hello?.demo && (
        <p className="demo-banner" role="note">
          {t('station.demoBanner')}
        </p>
      )}
      <main className="station-layout">
        <div className="station-work">
          <RoomMessages messages={messages} onDismiss={dismiss} />
          <p className="notice" aria-live="polite">
            {controls.notice ?? (checkedOutNotice ? t('shift.checkedOut') : null)}
          </p>
          {controls.pending > 0 && (
            <p className="pending-outcomes" role="status" data-testid="pending-outcomes">
              {t('offline.pending', { count: controls.pending })}
            </p>
          )}
          {problem && <ConnectionProblem connection={connection} onReconnect={reconnect} />}
          {(onScreen || queued || !problem) &&
            (checkedIn ? (
              <WorkArea socket={socket} controls={controls} connected={connected} />
            ) : shift === undefined || !hello ? (
              <p className="panel muted">{t('checkin.loading')}</p>
            ) : (
              <>
                <BookedCheckin socket={socket} expected={hello.expected ?? []} onCheckedIn={checkedInAs} />
                <CheckinForm socket={socket} associations={hello.associations} onCheckedIn={checkedInAs} />
              </>
            ))}
        </div>
        <aside className="station-board">
          {checkedIn && <ShiftPanel socket={socket} shift={shift} onCheckedOut={checkedOut} />}
          {checkedIn && <PairPhonePanel socket={socket} />}
          <LeaderboardTable view={board} highlightCode={onScreen?.contact.municipality.code} />
        </aside>
      </main>
    </div>
  );
}
