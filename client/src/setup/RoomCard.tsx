import { MAX_STATIONS_AT_ONCE } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { addStations, makeLeaderLink, type RoomSummary, type StationLink } from './setup-api.ts';

/** One room: how many stations it has, more of them, its call leader's link, and each station's join link to open on its computer. */
export function RoomCard({
  token,
  room,
  stations,
  onStationsAdded,
  onLinkMade,
}: {
  token: string;
  room: RoomSummary;
  stations: StationLink[];
  onStationsAdded: () => void;
  onLinkMade: () => void;
}) {
  const { t } = useTranslation();
  const [count, setCount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [leaderLink, setLeaderLink] = useState<string | null>(null);
  const id = (what: string) => `setup-room-${room.id}-${what}`;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const wanted = Number(count);
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_STATIONS_AT_ONCE) return setProblem(t('setup.stationCount', { most: MAX_STATIONS_AT_ONCE }));
    const result = await addStations(token, room.id, wanted);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setCount('');
    const { numbers } = result.data;
    setNotice(t('setup.stationsAdded', { count: numbers.length, first: numbers[0] ?? '', last: numbers.at(-1) ?? '' }));
    onStationsAdded();
  };

  const makeLink = async () => {
    setLeaderLink(null);
    const result = await makeLeaderLink(token, room.id, room.name);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setLeaderLink(result.data.url);
    onLinkMade();
  };

  return (
    <article className="setup-room" aria-labelledby={id('heading')} data-testid={`setup-room-${room.id}`}>
      <h3 id={id('heading')}>{room.name}</h3>
      <p>
        {t('setup.roomStations', { count: room.stations })}
        {room.address ? ` · ${room.address}` : ''}
      </p>
      <form noValidate className="setup-inline" onSubmit={(event) => void add(event)}>
        <div className="field">
          <label htmlFor={id('count')}>{t('setup.newStations')}</label>
          <input id={id('count')} type="number" inputMode="numeric" min={1} max={MAX_STATIONS_AT_ONCE} value={count} onChange={(event) => setCount(event.target.value)} />
        </div>
        <button type="submit" aria-label={t('setup.addStationsTo', { room: room.name })}>
          {t('setup.addStations')}
        </button>
      </form>
      <button type="button" onClick={() => void makeLink()} aria-label={t('setup.makeLeaderLinkFor', { room: room.name })}>
        {t('setup.makeLeaderLink')}
      </button>
      <ProblemLine problem={problem} />
      <p className="notice" aria-live="polite">
        {notice ?? ''}
      </p>
      {leaderLink && <CopyLink id={id('leader-link')} label={t('setup.leaderLinkLabel', { room: room.name })} url={leaderLink} testId={id('leader-link')} />}
      {stations.length > 0 && (
        <details className="setup-stations">
          <summary>{t('setup.stationLinks', { count: stations.length })}</summary>
          <p className="muted">{t('setup.stationLinksHint')}</p>
          <ul>
            {stations.map((station) => (
              <li key={station.id}>
                <CopyLink id={id(`station-${station.number}`)} label={station.name} url={station.url} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
