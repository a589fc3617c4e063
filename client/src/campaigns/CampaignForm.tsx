import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMakeForm } from '../lib/use-make-form.ts';
import { createCampaign, type Campaign } from './campaigns-api.ts';
import { CampaignDates, type Dates } from './CampaignDates.tsx';
import { SubmitRow } from './SubmitRow.tsx';

const NO_COPY = '';

/** A new campaign, empty or as a copy of another's session pattern, scripts and questions (never its people). */
export function CampaignForm({ token, campaigns, onMade }: { token: string; campaigns: Campaign[]; onMade: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [dates, setDates] = useState<Dates>({ startsOn: '', electionDay: '', endsOn: '' });
  const [copyFrom, setCopyFrom] = useState(NO_COPY);
  const form = useMakeForm<Campaign>();
  const invalid = !name.trim() || !dates.startsOn ? t('campaigns.needNameAndStart') : null;
  const send = () =>
    createCampaign(token, {
      name: name.trim(),
      startsOn: dates.startsOn,
      ...(dates.electionDay ? { electionDay: dates.electionDay } : {}),
      ...(dates.endsOn ? { endsOn: dates.endsOn } : {}),
      ...(copyFrom !== NO_COPY ? { copyFrom: Number(copyFrom) } : {}),
    });
  const made = () => {
    setName('');
    setDates({ startsOn: '', electionDay: '', endsOn: '' });
    setCopyFrom(NO_COPY);
    onMade();
  };
  return (
    <section className="panel" aria-labelledby="campaign-new-heading">
      <h2 id="campaign-new-heading">{t('campaigns.newHeading')}</h2>
      <form className="campaign-form" noValidate onSubmit={(event) => void form.submit(event, invalid, send, made)} data-testid="campaign-form">
        <div className="field">
          <label htmlFor="campaign-name">{t('campaigns.name')}</label>
          <input id="campaign-name" value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />
        </div>
        <CampaignDates id="campaign-new" dates={dates} onChange={setDates} />
        <div className="field">
          <label htmlFor="campaign-copy">{t('campaigns.copyFrom')}</label>
          <select id="campaign-copy" value={copyFrom} onChange={(event) => setCopyFrom(event.target.value)} aria-describedby="campaign-copy-hint">
            <option value={NO_COPY}>{t('campaigns.noCopy')}</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={String(campaign.id)}>
                {campaign.name}
              </option>
            ))}
          </select>
          <p id="campaign-copy-hint" className="muted">
            {t('campaigns.copyHint')}
          </p>
        </div>
        <SubmitRow label={t('campaigns.create')} problem={form.problem} done={form.made && t('campaigns.made', { name: form.made.name })} />
      </form>
    </section>
  );
}
