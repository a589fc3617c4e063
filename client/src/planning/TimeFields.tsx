import { useTranslation } from 'react-i18next';

export interface SessionTimes {
  date: string;
  start: string;
  end: string;
}

/** A session's date, start and end on the campaign's clock; `id` keeps each form's labels its own. */
export function TimeFields({ id, times, onChange }: { id: string; times: SessionTimes; onChange: (times: SessionTimes) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('planning.dateLabel')}</label>
        <input id={`${id}-date`} type="date" value={times.date} onChange={(event) => onChange({ ...times, date: event.target.value })} />
      </div>
      <div className="planning-times">
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('planning.startLabel')}</label>
          <input id={`${id}-start`} type="time" value={times.start} onChange={(event) => onChange({ ...times, start: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('planning.endLabel')}</label>
          <input id={`${id}-end`} type="time" value={times.end} onChange={(event) => onChange({ ...times, end: event.target.value })} />
        </div>
      </div>
    </>
  );
}
