import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKeyAt, sessionInstants, timeAt } from './calendar.ts';
import { updateSession, type PlannedSession } from './planning-api.ts';
import { TimeFields, type SessionTimes } from './TimeFields.tsx';
import { RefusalText } from './RefusalText.tsx';
import { readCapacity, sessionRefusal, type Refusal } from './refusal.ts';

/** A session's new time or capacity; only what changed is sent, so an unchanged time tells nobody. */
export function SessionEditForm({ token, session, stations, onDone }: { token: string; session: PlannedSession; stations: number | null; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const id = `edit-${session.id}`;
  const [times, setTimes] = useState<SessionTimes>(() => ({ date: dayKeyAt(session.startsAt), start: timeAt(session.startsAt), end: timeAt(session.endsAt) }));
  const [capacity, setCapacity] = useState(String(session.capacity));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const instants = sessionInstants(times);
    const places = readCapacity(capacity, stations);
    if (!instants) return setRefusal({ lead: t('planning.needTimes'), detail: '' });
    const { startsAt, endsAt } = instants;
    if (!places.ok) return setRefusal(places.refusal);
    const change: { startsAt?: string; endsAt?: string; capacity?: number } = {};
    if (Date.parse(startsAt) !== Date.parse(session.startsAt)) change.startsAt = startsAt;
    if (Date.parse(endsAt) !== Date.parse(session.endsAt)) change.endsAt = endsAt;
    if (places.capacity !== undefined && places.capacity !== session.capacity) change.capacity = places.capacity;
    if (Object.keys(change).length === 0) return onDone(false);
    setSending(true);
    const result = await updateSession(token, session.id, change);
    setSending(false);
    if (!result.ok) return setRefusal(sessionRefusal(result, 'update'));
    onDone(true);
  };

  return (
    <form className="planning-edit" noValidate onSubmit={(event) => void submit(event)} data-testid="session-edit-form">
      <TimeFields id={id} times={times} onChange={setTimes} />
      <div className="field">
        <label htmlFor={`${id}-capacity`}>{t('planning.capacityLabel')}</label>
        <input id={`${id}-capacity`} type="number" inputMode="numeric" min={1} max={stations ?? undefined} value={capacity} onChange={(event) => setCapacity(event.target.value)} />
      </div>
      <p className="muted">{t('planning.editHint')}</p>
      <div className="button-row">
        <button type="submit" className="primary" aria-disabled={sending}>
          {t('planning.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('planning.close')}
        </button>
      </div>
      <RefusalText refusal={refusal} />
    </form>
  );
}
