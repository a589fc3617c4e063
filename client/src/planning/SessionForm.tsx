import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, sessionInstants } from './calendar.ts';
import { wallClockAt } from '../lib/campaign-clock.ts';
import { createSessions, type RoomSummary } from './planning-api.ts';
import { TimeFields, type SessionTimes } from './TimeFields.tsx';
import { RefusalText } from './RefusalText.tsx';
import { readCapacity, sessionRefusal, type Refusal } from './refusal.ts';

/** One session in the room: a date, a start and an end on the campaign's clock, and its places. */
export function SessionForm({ token, room, onMade }: { token: string; room: RoomSummary; onMade: () => void }) {
  const { t } = useTranslation();
  const [times, setTimes] = useState<SessionTimes>(() => ({ date: addDays(wallClockAt(Date.now()), 1).key, start: '17:00', end: '19:00' }));
  const [capacity, setCapacity] = useState(String(room.stations));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [made, setMade] = useState(false);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setMade(false);
    const instants = sessionInstants(times);
    const places = readCapacity(capacity, room.stations);
    if (!instants) return setRefusal({ lead: t('planning.needTimes'), detail: '' });
    const { startsAt, endsAt } = instants;
    if (!places.ok) return setRefusal(places.refusal);
    setSending(true);
    const result = await createSessions(token, room.id, { startsAt, endsAt, capacity: places.capacity });
    setSending(false);
    if (!result.ok) return setRefusal(sessionRefusal(result, 'create'));
    setRefusal(null);
    setMade(true);
    onMade();
  };

  return (
    <section className="panel" aria-labelledby="session-form-heading">
      <h2 id="session-form-heading">{t('planning.oneHeading')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="session-form">
        <TimeFields id="one" times={times} onChange={setTimes} />
        <div className="field">
          <label htmlFor="one-capacity">{t('planning.capacityLabel')}</label>
          <input id="one-capacity" type="number" inputMode="numeric" min={1} max={room.stations} aria-describedby="one-capacity-hint" value={capacity} onChange={(event) => setCapacity(event.target.value)} />
          <p id="one-capacity-hint" className="muted">
            {t('planning.capacityHint', { count: room.stations })}
          </p>
        </div>
        <button type="submit" className="primary" aria-disabled={sending}>
          {t('planning.makeOne')}
        </button>
        <p className="notice" aria-live="polite">
          {made ? t('planning.madeOne') : ''}
        </p>
        <RefusalText refusal={refusal} testId="session-refusal" />
      </form>
    </section>
  );
}
