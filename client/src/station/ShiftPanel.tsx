import type { Shift } from '@ringstuga/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { formatCount, formatDuration } from '../lib/format-number.ts';
import { useNow } from '../lib/use-now.ts';
import type { StationSocket } from './station-socket.ts';

interface ShiftPanelProps {
  socket: StationSocket;
  shift: Shift;
  onCheckedOut: () => void;
}

const FIGURES = ['attempts', 'answered', 'conversations'] as const;

/** The volunteer's own shift: what it has achieved so far, never compared with anyone else's. */
export function ShiftPanel({ socket, shift, onCheckedOut }: ShiftPanelProps) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const [confirming, setConfirming] = useState(false);
  const command = useCommand(socket);
  const checkoutRef = useRef<HTMLButtonElement>(null);

  const checkOut = async () => {
    const result = await command.run('station:checkout');
    if (result) onCheckedOut();
  };
  const cancel = () => {
    setConfirming(false);
    // The confirm buttons are gone: focus returns to the button that opened them.
    requestAnimationFrame(() => checkoutRef.current?.focus());
  };

  return (
    <section className="panel shift" aria-labelledby="shift-heading" data-testid="shift-panel">
      <h2 id="shift-heading">{t('shift.heading')}</h2>
      <p>
        {t('shift.checkedInAs', { name: shift.name })}
        {' · '}
        {shift.association ? t('shift.forAssociation', { association: shift.association.name }) : t('shift.wholeDistrict')}
      </p>
      <dl className="figures">
        {FIGURES.map((figure) => (
          <div key={figure}>
            <dt>{t(`shift.${figure}`)}</dt>
            <dd data-testid={`shift-${figure}`}>{formatCount(shift[figure])}</dd>
          </div>
        ))}
        <div>
          <dt>{t('shift.time')}</dt>
          <dd data-testid="shift-time">{formatDuration(now - Date.parse(shift.startedAt))}</dd>
        </div>
      </dl>
      {!confirming ? (
        <button ref={checkoutRef} type="button" onClick={() => setConfirming(true)}>
          {t('shift.checkout')}
        </button>
      ) : (
        <div className="confirm" role="group" aria-labelledby="checkout-question">
          <p id="checkout-question">{t('shift.confirmCheckout')}</p>
          <div className="button-row">
            <button type="button" className="primary" autoFocus aria-disabled={command.pending} onClick={() => void checkOut()}>
              {t('shift.confirmYes')}
            </button>
            <button type="button" onClick={cancel}>
              {t('shift.cancel')}
            </button>
          </div>
        </div>
      )}
      <CommandError error={command.error} />
    </section>
  );
}
