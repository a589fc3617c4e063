import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { fetchPledges } from '../pledges/pledges-api.ts';
import { PledgesTable } from '../pledges/PledgesTable.tsx';

/** Everyone's pledges, so the leader plans sessions for those still to go (associations record them). */
export function PlanningPledges({ token }: { token: string }) {
  const { t } = useTranslation();
  const pledges = useLoaded(useCallback((signal: AbortSignal) => fetchPledges(token, signal), [token]));
  return (
    <section className="panel" aria-labelledby="planning-pledges-heading" data-testid="planning-pledges">
      <h2 id="planning-pledges-heading">{t('planning.pledgesHeading')}</h2>
      <ProblemLine problem={pledges.error} />
      {pledges.data?.length === 0 && <p className="muted">{t('planning.noPledges')}</p>}
      {pledges.data && pledges.data.length > 0 && <PledgesTable pledges={pledges.data} labelledBy="planning-pledges-heading" />}
    </section>
  );
}
