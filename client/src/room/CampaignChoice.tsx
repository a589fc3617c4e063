import type { RoomState } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import type { RoomSocket } from './room-socket.ts';

const ALL = '';

/** Where several campaigns are active: which one the room's standings show, here and on the big screen. */
export function CampaignChoice({ socket, state }: { socket: RoomSocket; state: Pick<RoomState, 'campaigns' | 'campaignId'> }) {
  const { t } = useTranslation();
  const command = useCommand(socket);
  if (state.campaigns.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor="room-campaign">{t('standingsPanel.campaignLabel')}</label>
      <select
        id="room-campaign"
        value={state.campaignId === null ? ALL : String(state.campaignId)}
        aria-describedby="room-campaign-hint"
        onChange={(event) => void command.run('room:campaign', { campaignId: event.target.value === ALL ? null : Number(event.target.value) })}
      >
        <option value={ALL}>{t('standingsPanel.allCampaigns')}</option>
        {state.campaigns.map((campaign) => (
          <option key={campaign.id} value={String(campaign.id)}>
            {campaign.name}
          </option>
        ))}
      </select>
      <p id="room-campaign-hint" className="muted field-hint">
        {t('standingsPanel.campaignHint')}
      </p>
      <CommandError error={command.error} />
    </div>
  );
}
