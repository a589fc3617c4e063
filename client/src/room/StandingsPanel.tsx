import type { RoomState, Standings } from '@ringstuga/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StandingPeriod } from '../leaderboard/standing-sort.ts';
import { StandingsTable } from '../leaderboard/StandingsTable.tsx';
import { CampaignChoice } from './CampaignChoice.tsx';
import type { RoomSocket } from './room-socket.ts';

type Grouping = 'municipalities' | 'associations';
/** Every room's figures, or only what this room's stations did. */
type Scope = 'allRooms' | 'thisRoom';

interface ToggleProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; text: string }[];
  onChange: (value: T) => void;
}

/** Two or three buttons of which one is on: a segmented control built from real buttons. */
function Toggle<T extends string>({ label, value, options, onChange }: ToggleProps<T>) {
  return (
    <div className="toggle" role="group" aria-label={label}>
      <span className="toggle-label" aria-hidden="true">
        {label}
      </span>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
        >
          {option.text}
        </button>
      ))}
    </div>
  );
}

interface StandingsPanelProps {
  socket: RoomSocket;
  state: Pick<RoomState, 'campaigns' | 'campaignId'>;
  standings: Standings;
  roomStandings: Standings;
}

/** Who is getting through: municipalities or associations, all rooms or this one, today or the whole campaign. */
export function StandingsPanel({ socket, state, standings, roomStandings }: StandingsPanelProps) {
  const { t } = useTranslation();
  const [grouping, setGrouping] = useState<Grouping>('associations');
  const [scope, setScope] = useState<Scope>('allRooms');
  const [period, setPeriod] = useState<StandingPeriod>('today');
  const shown = scope === 'allRooms' ? standings : roomStandings;
  const byText = t(`standingsPanel.${grouping}`);
  const periodText = t(`standingsPanel.${period}`);
  return (
    <section className="panel standings-panel" aria-labelledby="standings-heading">
      <h2 id="standings-heading">{t('standingsPanel.heading')}</h2>
      <CampaignChoice socket={socket} state={state} />
      <div className="toggles">
        <Toggle
          label={t('standingsPanel.by')}
          value={grouping}
          onChange={setGrouping}
          options={[
            { value: 'municipalities', text: t('standingsPanel.municipalities') },
            { value: 'associations', text: t('standingsPanel.associations') },
          ]}
        />
        <Toggle
          label={t('standingsPanel.scope')}
          value={scope}
          onChange={setScope}
          options={[
            { value: 'allRooms', text: t('standingsPanel.allRooms') },
            { value: 'thisRoom', text: t('standingsPanel.thisRoom') },
          ]}
        />
        <Toggle
          label={t('standingsPanel.period')}
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'today', text: t('standingsPanel.today') },
            { value: 'campaign', text: t('standingsPanel.campaign') },
          ]}
        />
      </div>
      <StandingsTable
        rows={shown[grouping]}
        period={period}
        nameHeader={grouping === 'municipalities' ? t('standings.municipality') : t('standings.association')}
        caption={t('standingsPanel.caption', { by: byText, scope: t(`standingsPanel.${scope}`), period: periodText })}
        testId="standings-table"
      />
    </section>
  );
}
