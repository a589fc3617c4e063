import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { useMakeForm } from '../lib/use-make-form.ts';
import { RoomCard } from './RoomCard.tsx';
import { createRoom, fetchRooms, type RoomSummary, type StationLink } from './setup-api.ts';

/** The rooms (sites), each with its stations and their join links, and a form for another. */
export function RoomsPanel({
  token,
  stations,
  onLinkMade,
}: {
  token: string;
  stations: { data: StationLink[] | null; error: string | null; refresh: () => void };
  onLinkMade: () => void;
}) {
  const { t } = useTranslation();
  const rooms = useLoaded(useCallback((signal: AbortSignal) => fetchRooms(token, signal), [token]));
  const [name, setName] = useState('');
  const form = useMakeForm<RoomSummary>();
  const afterMade = () => {
    setName('');
    rooms.refresh();
  };

  const changed = () => {
    rooms.refresh();
    stations.refresh();
  };

  return (
    <section className="panel" aria-labelledby="setup-rooms-heading" data-testid="setup-rooms">
      <h2 id="setup-rooms-heading">{t('setup.roomsHeading')}</h2>
      <p className="muted">{t('setup.roomsHint')}</p>
      <ProblemLine problem={rooms.error ?? stations.error} />
      <div className="setup-rooms">
        {(rooms.data ?? []).map((room) => (
          <RoomCard
            key={room.id}
            token={token}
            room={room}
            stations={(stations.data ?? []).filter((station) => station.roomId === room.id)}
            onStationsAdded={changed}
            onLinkMade={onLinkMade}
          />
        ))}
      </div>
      <form
        noValidate
        className="setup-form"
        onSubmit={(event) => void form.submit(event, name.trim() === '' ? t('setup.needRoom') : null, () => createRoom(token, name.trim()), afterMade)}
        data-testid="setup-room-form"
      >
        <h3>{t('setup.addRoom')}</h3>
        <div className="field">
          <label htmlFor="setup-room-name">{t('setup.roomName')}</label>
          <input id="setup-room-name" maxLength={80} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('setup.addRoomSubmit')}
        </button>
        <ProblemLine problem={form.problem} />
        <p className="notice" aria-live="polite">
          {form.made ? t('setup.roomAdded', { name: form.made.name }) : ''}
        </p>
      </form>
    </section>
  );
}
