import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComparableCampaign, CompareAxis, Comparison } from '@ringstuga/shared';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { CampaignChoice } from './CampaignChoice.tsx';
import { CompareCharts } from './CompareCharts.tsx';
import { CompareTable } from './CompareTable.tsx';
import { fetchComparable, fetchComparison } from './compare-api.ts';

/** At first the two newest campaigns: most often this one and the one before. */
const FIRST_CHOICE = 2;

/** The campaigns the axis can place: the election axis needs an election day. */
const placeable = (campaigns: readonly ComparableCampaign[], axis: CompareAxis) =>
  axis === 'start' ? campaigns : campaigns.filter((campaign) => campaign.electionDay !== null);

/** The comparison page once its link is read: choose campaigns and axis, see lines and the table. */
export function CompareSession({ token }: { token: string }) {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => fetchComparable(token, signal), [token]);
  const { data: campaigns, error: listError } = useLoaded(load);
  const [chosen, setChosen] = useState<number[] | null>(null);
  // null until chosen: the election axis, unless a campaign chosen at first has no election day.
  const [chosenAxis, setAxis] = useState<CompareAxis | null>(null);
  const [cumulative, setCumulative] = useState(false);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${t('compare.title')} – ${t('appName')}`;
  }, [t]);

  const chosenIds = chosen ?? campaigns?.slice(0, FIRST_CHOICE).map((campaign) => campaign.id) ?? [];
  const picked = (campaigns ?? []).filter((campaign) => chosenIds.includes(campaign.id));
  const axis = chosenAxis ?? (picked.every((campaign) => campaign.electionDay !== null) ? 'election' : 'start');
  const shown = placeable(picked, axis);
  const undated = picked.filter((campaign) => !shown.includes(campaign));
  const shownKey = shown.map((campaign) => campaign.id).join(',');

  useEffect(() => {
    // Nothing chosen: `current` below is empty whatever the last answer was.
    if (shownKey === '') return;
    const controller = new AbortController();
    void fetchComparison(token, shownKey.split(',').map(Number), axis, controller.signal).then((answer) => {
      if (controller.signal.aborted) return;
      if (answer.ok) setComparison(answer.data);
      setError(answer.ok ? null : answer.message);
    });
    return () => controller.abort();
  }, [token, shownKey, axis]);

  const synthetic = shown.filter((campaign) => campaign.synthetic);
  // Only the figures of the campaigns still chosen: an answer for an older choice may still be on screen.
  const current = comparison?.campaigns.filter((campaign) => shown.some((s) => s.id === campaign.id)) ?? [];

  return (
    <>
      <header className="station-header">
        <h1>{t('compare.title')}</h1>
        <LanguageSwitch />
      </header>
      <main className="compare-layout">
        {(listError ?? error) && (
          <p className="alert" role="alert">
            {listError ?? error}
          </p>
        )}
        {!campaigns ? (
          !listError && <p className="muted">{t('compare.loading')}</p>
        ) : (
          <>
            <CampaignChoice
              campaigns={campaigns}
              chosen={chosenIds}
              onChosen={setChosen}
              axis={axis}
              onAxis={setAxis}
              cumulative={cumulative}
              onCumulative={setCumulative}
            />
            {picked.length === 0 && <p className="muted">{t('compare.chooseOne')}</p>}
            {undated.length > 0 && <p className="muted">{t('compare.undatedLeftOut', { names: undated.map((c) => c.name).join(', ') })}</p>}
            {synthetic.length > 0 && (
              <p className="compare-synthetic" data-testid="synthetic-notice">
                <strong>{t('compare.synthetic')}</strong> {t('compare.syntheticHint', { names: synthetic.map((c) => c.name).join(', ') })}
              </p>
            )}
            {current.length > 0 && (
              <>
                <CompareCharts campaigns={current} axis={axis} cumulative={cumulative} />
                <CompareTable campaigns={current} />
              </>
            )}
          </>
        )}
      </main>
    </>
  );
}
