import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useMakeForm } from '../lib/use-make-form.ts';
import { formatDateTime, formatTime } from '../lib/format-time.ts';
import { createTeam, fetchOpenSessions, fetchTeams } from './teams-api.ts';
import { useLoaded } from '../lib/use-loaded.ts';

const span = (item: { startsAt: string; endsAt: string }) => `${formatDateTime(item.startsAt)}–${formatTime(item.endsAt)}`;

/** Team evenings: places held in a session for the association's members, booked through the team's link. */
export function TeamsPanel({ token, associationId }: { token: string; associationId: number }) {
  const { t } = useTranslation();
  const sessions = useLoaded(useCallback((signal: AbortSignal) => fetchOpenSessions(token, associationId, signal), [token, associationId]));
  const teams = useLoaded(useCallback((signal: AbortSignal) => fetchTeams(token, associationId, signal), [token, associationId]));
  const [sessionId, setSessionId] = useState('');
  const [places, setPlaces] = useState('5');
  const [captain, setCaptain] = useState('');
  const form = useMakeForm<{ url: string }>();
  const count = Number(places);
  const invalid = sessionId === '' || !Number.isInteger(count) || count < 1 || captain.trim() === '' ? t('teams.needAll') : null;
  const afterMade = () => {
    setCaptain('');
    teams.refresh();
    sessions.refresh();
  };

  return (
    <section className="panel" aria-labelledby="teams-heading" data-testid="teams-panel">
      <h2 id="teams-heading">{t('teams.heading')}</h2>
      <p className="muted">{t('teams.hint')}</p>
      <ProblemLine problem={teams.error ?? sessions.error} />
      {teams.data && teams.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="teams-heading">
          <table className="data-table" data-testid="teams-table">
            <thead>
              <tr>
                <th scope="col">{t('teams.when')}</th>
                <th scope="col">{t('teams.captain')}</th>
                <th scope="col" className="num">{t('teams.places')}</th>
                <th scope="col" className="num">{t('teams.taken')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <td>{span(team)}</td>
                  <td>{team.captain}</td>
                  <td className="num">{team.places}</td>
                  <td className="num">{team.taken}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        noValidate
        onSubmit={(event) =>
          void form.submit(event, invalid, () => createTeam(token, associationId, { sessionId: Number(sessionId), places: count, captain: captain.trim() }), afterMade)
        }
        data-testid="team-form"
      >
        <div className="field">
          <label htmlFor="team-session">{t('teams.sessionLabel')}</label>
          <select id="team-session" value={sessionId} onChange={(event) => setSessionId(event.target.value)}>
            <option value="" disabled>
              {sessions.data?.length === 0 ? t('teams.noSessions') : t('teams.sessionChoose')}
            </option>
            {sessions.data?.map((session) => (
              <option key={session.id} value={String(session.id)} disabled={session.free === 0}>
                {`${span(session)}, ${session.room} (${t('signup.free', { count: session.free })})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="team-places">{t('teams.placesLabel')}</label>
          <input id="team-places" type="number" inputMode="numeric" min={1} value={places} onChange={(event) => setPlaces(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="team-captain">{t('teams.captainLabel')}</label>
          <input id="team-captain" maxLength={80} value={captain} onChange={(event) => setCaptain(event.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('teams.submit')}
        </button>
        <ProblemLine problem={form.problem} />
      </form>
      {form.made && <CopyLink id="team-link-url" label={t('teams.linkLabel')} url={form.made.url} testId="team-link" />}
    </section>
  );
}
