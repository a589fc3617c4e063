import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { SetupSession } from './SetupSession.tsx';
import './setup.css';

/** `/setup#token=…` (the admin's token): the associations, the rooms with their stations, and the links handed out. */
export function SetupPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('setup.title')} missing={t('setup.missingToken')}>
      {(token) => <SetupSession key={token} token={token} />}
    </TokenGate>
  );
}
