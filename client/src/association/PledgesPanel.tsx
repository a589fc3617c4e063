import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyLink } from '../lib/CopyLink.tsx';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useMakeForm } from '../lib/use-make-form.ts';
import { fetchPledges } from '../pledges/pledges-api.ts';
import { PledgesTable } from '../pledges/PledgesTable.tsx';
import { createPledge } from './teams-api.ts';
import { useLoaded } from '../lib/use-loaded.ts';
import { wallClockAt } from '../lib/campaign-clock.ts';
import { addDays } from '../planning/calendar.ts';

/** Pledges ("three shifts before election day") for a named person or the association itself, with everyone's progress. */
export function PledgesPanel({ token, associationId }: { token: string; associationId: number }) {
  const { t } = useTranslation();
  const pledges = useLoaded(useCallback((signal: AbortSignal) => fetchPledges(token, signal), [token]));
  const [name, setName] = useState('');
  const [shifts, setShifts] = useState('3');
  const [by, setBy] = useState('');
  const form = useMakeForm<{ pledge: { name: string }; url: string }>();
  const count = Number(shifts);
  // Sessions before the date count: the first date that can still be kept is tomorrow, on the
  // campaign's clock (learnt with the pledges; as the page opened: past midnight the server's refusal says so).
  const [openedAt] = useState(() => Date.now());
  const tomorrow = addDays(wallClockAt(openedAt), 1).key;
  const missing = name.trim() === '' || !Number.isInteger(count) || count < 1 || !/^\d{4}-\d{2}-\d{2}$/.test(by);
  const invalid = missing ? t('pledges.needAll') : by < tomorrow ? t('pledges.dateAhead') : null;
  const afterMade = () => {
    setName('');
    pledges.refresh();
  };

  return (
    <section className="panel" aria-labelledby="pledges-heading" data-testid="pledges-panel">
      <h2 id="pledges-heading">{t('pledges.heading')}</h2>
      <p className="muted">{t('pledges.hint')}</p>
      <ProblemLine problem={pledges.error} />
      {pledges.data && pledges.data.length > 0 && <PledgesTable pledges={pledges.data} labelledBy="pledges-heading" />}
      <form
        noValidate
        onSubmit={(event) => void form.submit(event, invalid, () => createPledge(token, { name: name.trim(), associationId, shifts: count, by }), afterMade)}
        data-testid="pledge-form"
      >
        <div className="field">
          <label htmlFor="pledge-name">{t('pledges.nameLabel')}</label>
          <input id="pledge-name" maxLength={80} value={name} aria-describedby="pledge-name-hint" onChange={(event) => setName(event.target.value)} />
          <p id="pledge-name-hint" className="muted field-hint">
            {t('pledges.nameHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pledge-shifts">{t('pledges.shiftsLabel')}</label>
          <input id="pledge-shifts" type="number" inputMode="numeric" min={1} value={shifts} onChange={(event) => setShifts(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pledge-by">{t('pledges.byLabel')}</label>
          <input id="pledge-by" type="date" min={tomorrow} value={by} onChange={(event) => setBy(event.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('pledges.submit')}
        </button>
        <ProblemLine problem={form.problem} />
      </form>
      {form.made && <CopyLink id="pledge-link-url" label={t('pledges.linkLabel', { name: form.made.pledge.name })} url={form.made.url} testId="pledge-link" />}
    </section>
  );
}
