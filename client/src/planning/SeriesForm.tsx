import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { wallClockAt } from '../lib/campaign-clock.ts';
import { addDays, parseDayKey } from './calendar.ts';
import { createSessions, type RoomSummary } from './planning-api.ts';
import { RefusalText } from './RefusalText.tsx';
import { readCapacity, sessionRefusal, type Refusal } from './refusal.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^\d{2}:\d{2}$/;

/** A series: chosen weekdays between two dates, a daily window cut into back-to-back sessions. Made whole or not at all. */
export function SeriesForm({ token, room, onMade }: { token: string; room: RoomSummary; onMade: () => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => addDays(wallClockAt(Date.now()), 1).key);
  const [to, setTo] = useState(() => addDays(wallClockAt(Date.now()), 28).key);
  const [weekdays, setWeekdays] = useState<number[]>([1, 2, 3, 4]);
  const [dailyStart, setDailyStart] = useState('14:00');
  const [dailyEnd, setDailyEnd] = useState('20:00');
  const [slot, setSlot] = useState('120');
  const [capacity, setCapacity] = useState(String(room.stations));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [made, setMade] = useState<number | null>(null);
  const [sending, setSending] = useState(false);

  const toggle = (weekday: number, on: boolean) =>
    setWeekdays((current) => (on ? [...new Set([...current, weekday])].sort((a, b) => a - b) : current.filter((day) => day !== weekday)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setMade(null);
    const slotMinutes = Number(slot);
    const places = readCapacity(capacity, room.stations);
    if (!parseDayKey(from) || !parseDayKey(to) || !TIME.test(dailyStart) || !TIME.test(dailyEnd)) return setRefusal({ lead: t('planning.needSeries'), detail: '' });
    if (weekdays.length === 0) return setRefusal({ lead: t('planning.needWeekdays'), detail: '' });
    if (!Number.isInteger(slotMinutes) || slotMinutes < 15) return setRefusal({ lead: t('planning.needSlot'), detail: '' });
    if (!places.ok) return setRefusal(places.refusal);
    setSending(true);
    const result = await createSessions(token, room.id, { series: { from, to, weekdays, dailyStart, dailyEnd, slotMinutes }, capacity: places.capacity });
    setSending(false);
    if (!result.ok) return setRefusal(sessionRefusal(result, 'create'));
    setRefusal(null);
    setMade(result.data.sessions.length);
    onMade();
  };

  return (
    <section className="panel" aria-labelledby="series-form-heading">
      <h2 id="series-form-heading">{t('planning.seriesHeading')}</h2>
      <p className="muted">{t('planning.seriesHint')}</p>
      <form noValidate onSubmit={(event) => void submit(event)} data-testid="series-form">
        <div className="planning-times">
          <div className="field">
            <label htmlFor="series-from">{t('planning.fromLabel')}</label>
            <input id="series-from" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="series-to">{t('planning.toLabel')}</label>
            <input id="series-to" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          </div>
        </div>
        <fieldset className="field planning-weekdays">
          <legend>{t('planning.weekdaysLegend')}</legend>
          {WEEKDAYS.map((weekday) => (
            <label key={weekday} className="check">
              <input type="checkbox" checked={weekdays.includes(weekday)} onChange={(event) => toggle(weekday, event.target.checked)} />
              {t(`planning.weekdays.${weekday}`)}
            </label>
          ))}
        </fieldset>
        <div className="planning-times">
          <div className="field">
            <label htmlFor="series-start">{t('planning.dailyStartLabel')}</label>
            <input id="series-start" type="time" value={dailyStart} onChange={(event) => setDailyStart(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="series-end">{t('planning.dailyEndLabel')}</label>
            <input id="series-end" type="time" value={dailyEnd} onChange={(event) => setDailyEnd(event.target.value)} />
          </div>
        </div>
        <div className="planning-times">
          <div className="field">
            <label htmlFor="series-slot">{t('planning.slotLabel')}</label>
            <input id="series-slot" type="number" inputMode="numeric" min={15} step={15} value={slot} onChange={(event) => setSlot(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="series-capacity">{t('planning.capacityLabel')}</label>
            <input id="series-capacity" type="number" inputMode="numeric" min={1} max={room.stations} value={capacity} onChange={(event) => setCapacity(event.target.value)} />
          </div>
        </div>
        <button type="submit" className="primary" aria-disabled={sending}>
          {t('planning.makeSeries')}
        </button>
        <p className="notice" aria-live="polite">
          {made !== null ? t('planning.madeSeries', { count: made }) : ''}
        </p>
        <RefusalText refusal={refusal} testId="series-refusal" />
      </form>
    </section>
  );
}
