import { useTranslation } from 'react-i18next';
import { COMPARE_AXES, type ComparableCampaign, type CompareAxis } from '@ringstuga/shared';

interface CampaignChoiceProps {
  campaigns: readonly ComparableCampaign[];
  chosen: readonly number[];
  onChosen: (ids: number[]) => void;
  axis: CompareAxis;
  onAxis: (axis: CompareAxis) => void;
  cumulative: boolean;
  onCumulative: (cumulative: boolean) => void;
}

/** Which campaigns, on which axis, per day or in total: checkboxes and radio buttons, no menus to open. */
export function CampaignChoice({ campaigns, chosen, onChosen, axis, onAxis, cumulative, onCumulative }: CampaignChoiceProps) {
  const { t } = useTranslation();
  const toggle = (id: number, on: boolean) => onChosen(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  const axisLabel = { election: t('compare.axisElection'), start: t('compare.axisStart') } satisfies Record<CompareAxis, string>;
  return (
    <section className="panel compare-choice" aria-label={t('compare.choose')}>
      <fieldset>
        <legend>{t('compare.choose')}</legend>
        {campaigns.map((campaign) => {
          const notes = [
            campaign.status === 'archived' ? t('compare.archived') : null,
            campaign.electionDay === null ? t('compare.noElectionDay') : null,
          ].filter(Boolean);
          return (
            <label key={campaign.id} className="check">
              <input type="checkbox" checked={chosen.includes(campaign.id)} onChange={(event) => toggle(campaign.id, event.target.checked)} />
              {campaign.name}
              {notes.length > 0 && <span className="muted"> ({notes.join(', ')})</span>}
              {campaign.synthetic && <span className="compare-badge">{t('compare.synthetic')}</span>}
            </label>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{t('compare.axis')}</legend>
        {COMPARE_AXES.map((value) => (
          <label key={value} className="check">
            <input type="radio" name="compare-axis" checked={axis === value} onChange={() => onAxis(value)} />
            {axisLabel[value]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('compare.show')}</legend>
        <label className="check">
          <input type="radio" name="compare-sum" checked={!cumulative} onChange={() => onCumulative(false)} />
          {t('compare.perDay')}
        </label>
        <label className="check">
          <input type="radio" name="compare-sum" checked={cumulative} onChange={() => onCumulative(true)} />
          {t('compare.cumulative')}
        </label>
      </fieldset>
    </section>
  );
}
