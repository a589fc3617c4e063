import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { AddressForm } from './AddressForm.tsx';
import { AssociationsTable } from './AssociationsTable.tsx';
import { addDays, mondayOf, weeksFrom, weeksRange } from './calendar.ts';
import { PlanningCalendar } from './PlanningCalendar.tsx';
import { fetchPlanning, fetchRooms, type RoomSummary } from './planning-api.ts';
import { PlanningPledges } from './PlanningPledges.tsx';
import { SeriesForm } from './SeriesForm.tsx';
import { SessionForm } from './SessionForm.tsx';
import { SignupLinksPanel } from './SignupLinksPanel.tsx';

/** Weeks shown at once: a month ahead is what a leader plans. */
const WEEKS = 4;
const ALL = 'all';

/** The planning page once its token is read: the rooms it may plan, the calendar, and the forms for the chosen room. */
export function PlanningSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const rooms = useLoaded(useCallback((signal: AbortSignal) => fetchRooms(token, signal), [token]));
  // A leader's token sees one room; the admin's every room, and may look at all of them at once.
  const [chosen, setChosen] = useState<string | null>(null);
  const list = rooms.data ?? [];
  const selected = chosen ?? (list.length === 1 ? String(list[0]!.id) : ALL);
  const room = list.find((item) => String(item.id) === selected) ?? null;

  return (
    <>
      <header className="station-header planning-header">
        <h1>{room ? t('planning.titleOf', { room: room.name }) : t('planning.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="planning-layout" aria-busy={!rooms.data && !rooms.error}>
        {rooms.error && (
          <div className="alert" role="alert">
            <p>{t('planning.loadFailed')}</p>
            <p className="alert-detail">{rooms.error}</p>
            <p>{t('planning.refusedHint')}</p>
          </div>
        )}
        {!rooms.data ? (
          !rooms.error && <p className="muted">{t('loading')}</p>
        ) : (
          <>
            {list.length > 1 && (
              <div className="field planning-room-choice">
                <label htmlFor="planning-room">{t('planning.roomLabel')}</label>
                <select id="planning-room" value={selected} onChange={(event) => setChosen(event.target.value)}>
                  <option value={ALL}>{t('planning.allRooms')}</option>
                  {list.map((item) => (
                    <option key={item.id} value={String(item.id)}>
                      {item.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <PlanningView token={token} room={room} rooms={list} onRoomSaved={rooms.refresh} />
            <SignupLinksPanel token={token} room={room} rooms={list} />
          </>
        )}
      </main>
    </>
  );
}

/** The calendar and the association figures for the room chosen (null: every room), and the forms that change it. */
function PlanningView({ token, room, rooms, onRoomSaved }: { token: string; room: RoomSummary | null; rooms: RoomSummary[]; onRoomSaved: () => void }) {
  const { t } = useTranslation();
  const [monday, setMonday] = useState(() => mondayOf(Date.now()));
  const roomId = room?.id ?? null;
  const planning = useLoaded(
    useCallback((signal: AbortSignal) => fetchPlanning(token, { roomId, ...weeksRange(monday, WEEKS) }, signal), [token, roomId, monday]),
  );
  const changed = planning.refresh;
  return (
    <>
      <PlanningCalendar
        token={token}
        weeks={weeksFrom(monday, WEEKS)}
        sessions={planning.data?.sessions ?? null}
        error={planning.error}
        rooms={rooms}
        showRoom={room === null}
        onMove={(weeks) => setMonday((current) => (weeks === 0 ? mondayOf(Date.now()) : addDays(current, weeks * 7)))}
        weeksPerPage={WEEKS}
        onChanged={changed}
      />
      {planning.data && <AssociationsTable associations={planning.data.associations} />}
      <PlanningPledges token={token} />
      {room ? (
        <div className="planning-forms" key={room.id}>
          <SessionForm token={token} room={room} onMade={changed} />
          <SeriesForm token={token} room={room} onMade={changed} />
          <AddressForm token={token} roomId={room.id} current={room.address} onSaved={onRoomSaved} />
        </div>
      ) : (
        <p className="muted">{t('planning.chooseRoomHint')}</p>
      )}
    </>
  );
}
