import { useTranslation } from 'react-i18next';

/** The three dates as the form holds them: '' for "none". */
export interface Dates {
  startsOn: string;
  electionDay: string;
  endsOn: string;
}

/** Start, election day and end as date fields; an empty end is an always-open campaign. */
export function CampaignDates({ id, dates, onChange }: { id: string; dates: Dates; onChange: (dates: Dates) => void }) {
  const { t } = useTranslation();
  const field = (key: keyof Dates, label: string, hint?: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="date"
        value={dates[key]}
        onChange={(event) => onChange({ ...dates, [key]: event.target.value })}
        aria-describedby={hint ? `${id}-${key}-hint` : undefined}
      />
      {hint && (
        <p id={`${id}-${key}-hint`} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
  return (
    <div className="campaign-dates">
      {field('startsOn', t('campaigns.startsOn'))}
      {field('electionDay', t('campaigns.electionDay'), t('campaigns.electionDayHint'))}
      {field('endsOn', t('campaigns.endsOn'), t('campaigns.endsOnHint'))}
    </div>
  );
}
