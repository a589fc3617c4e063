import { useTranslation } from 'react-i18next';
import { TokenGate } from '../lib/TokenGate.tsx';
import { PlanningSession } from './PlanningSession.tsx';
import './planning.css';

/** `/planning#token=…` (a leader's link, or the admin's token): the coming weeks' sessions, and making more. */
export function PlanningPage() {
  const { t } = useTranslation();
  return (
    <TokenGate title={t('planning.title')} missing={t('planning.missingToken')}>
      {(token) => <PlanningSession key={token} token={token} />}
    </TokenGate>
  );
}
