import { zStationLink, type StationLink, type StationTile } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sendWithToken } from '../lib/http.ts';
import { QrCode } from '../pairing/QrCode.tsx';

interface RemoteStationsPanelProps {
  token: string;
  roomId: number;
  /** The room's remote stations, from the board. */
  stations: StationTile[];
}

/**
 * Remote stations for volunteers calling from home or another site: the leader makes one and
 * hands over its link (a QR code to scan with the volunteer's phone), or renews a leaked one.
 */
export function RemoteStationsPanel({ token, roomId, stations }: RemoteStationsPanelProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [link, setLink] = useState<StationLink | null>(null);
  const [renewed, setRenewed] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const request = async (path: string, body: unknown) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await sendWithToken('POST', path, token, body);
      if (!result.ok) {
        setProblem(result.message);
        return null;
      }
      const parsed = zStationLink.safeParse(await result.response.json());
      if (!parsed.success) setProblem(t('errors.badResponse'));
      return parsed.success ? parsed.data : null;
    } finally {
      setBusy(false);
    }
  };

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const made = await request(`/api/rooms/${roomId}/remote-stations`, { name });
    if (!made) return;
    setLink(made);
    setRenewed(null);
    setName('');
  };
  const renew = async (station: StationTile) => {
    if (busy) return;
    const made = await request(`/api/stations/${station.number}/token`, {});
    if (!made) return;
    setLink(made);
    setRenewed(made.name);
  };

  return (
    <section className="panel remote-stations" aria-labelledby="remote-stations-heading" data-testid="remote-stations">
      <h2 id="remote-stations-heading">{t('remoteStations.heading')}</h2>
      <p className="muted">{t('remoteStations.hint')}</p>
      <form className="button-row" onSubmit={(event) => void create(event)}>
        <label htmlFor="remote-station-name" className="visually-hidden">
          {t('remoteStations.nameLabel')}
        </label>
        <input
          id="remote-station-name"
          value={name}
          maxLength={40}
          required
          placeholder={t('remoteStations.nameLabel')}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" aria-disabled={busy}>
          {t('remoteStations.create')}
        </button>
      </form>
      {problem && (
        <p className="command-error" role="alert">
          {problem}
        </p>
      )}
      {link && (
        <div className="remote-station-link" data-testid="remote-station-link">
          <h3>{t('remoteStations.made', { name: link.name })}</h3>
          {renewed && <p className="notice">{t('remoteStations.renewed', { name: renewed })}</p>}
          <QrCode text={link.url} label={t('remoteStations.qrLabel', { name: link.name })} />
          <input aria-label={t('remoteStations.made', { name: link.name })} readOnly value={link.url} onFocus={(event) => event.target.select()} />
        </div>
      )}
      {stations.length === 0 ? (
        <p className="muted">{t('remoteStations.none')}</p>
      ) : (
        <ul className="remote-station-list">
          {stations.map((station) => (
            <li key={station.id}>
              <span>
                {station.number} · {station.name}
              </span>{' '}
              <button type="button" aria-disabled={busy} onClick={() => void renew(station)}>
                {t('remoteStations.renew', { name: station.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
