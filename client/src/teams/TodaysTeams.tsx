import type { RoomTeam } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { campaignZone } from '../lib/campaign-clock.ts';
import { formatTime } from '../lib/format-time.ts';

/** A session starting at this local hour or later is "tonight". */
const EVENING_FROM_HOUR = 17;

function startsInTheEvening(iso: string): boolean {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: campaignZone(), hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return Number(hour) >= EVENING_FROM_HOUR;
}

/**
 * Today's and tonight's teams in the room: "Ikväll: Föreningen i Sundbyberg, 6 av 8 platser
 * bokade". Associations and counts only, so the big screen can show it too.
 */
export function TodaysTeams({ teams, className }: { teams: RoomTeam[]; className?: string }) {
  const { t } = useTranslation();
  if (teams.length === 0) return null;
  return (
    <section className={className ?? 'panel'} aria-labelledby="todays-teams-heading" data-testid="todays-teams">
      <h2 id="todays-teams-heading">{t('todaysTeams.heading')}</h2>
      <ul className="teams-list">
        {teams.map((team) => (
          <li key={team.id}>
            {t('todaysTeams.line', {
              when: startsInTheEvening(team.startsAt) ? t('todaysTeams.tonight') : t('todaysTeams.today'),
              association: team.association.name,
              booked: team.booked,
              places: team.places,
            })}{' '}
            <span className="muted">
              ({formatTime(team.startsAt)}–{formatTime(team.endsAt)})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
