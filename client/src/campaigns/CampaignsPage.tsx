import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { CampaignsSession } from './CampaignsSession.tsx';
import './campaigns.css';

/** `/campaigns#token=…` (the admin's token): every campaign, making one (or a copy), editing, archiving. */
export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('campaigns.title')} missing={t('campaigns.missingToken')}>
      {(token) => <CampaignsSession key={token} token={token} />}
    </TokenGate>
  );
}
