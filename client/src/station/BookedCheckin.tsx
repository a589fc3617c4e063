import type { ExpectedVolunteer, Shift } from '@ringstuga/shared';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { usePush } from '../connection/use-push.ts';
import { canScanQrCode, scanQrCode } from '../lib/secure-context/qr-scanner.ts';
import { personalTokenFrom } from './personal-token.ts';
import type { StationSocket } from './station-socket.ts';

interface BookedCheckinProps {
  socket: StationSocket;
  /** "Expected now" as the hello had it; pushes replace it. */
  expected: ExpectedVolunteer[];
  onCheckedIn: (shift: Shift) => void;
}

/**
 * A booked volunteer checks in by picking themselves from who is expected now, by their QR code
 * (over HTTPS, where the browser may use a camera) or by pasting their personal link, which works
 * everywhere, plain HTTP included.
 */
export function BookedCheckin({ socket, expected: greeted, onCheckedIn }: BookedCheckinProps) {
  const { t } = useTranslation();
  const command = useCommand(socket);
  // The latest push, kept with the hello it followed: a new hello (a reconnect) starts over from its own list.
  const [pushed, setPushed] = useState<{ after: ExpectedVolunteer[]; list: ExpectedVolunteer[] } | null>(null);
  usePush(socket, 'station:expected', (list) => setPushed({ after: greeted, list }));
  const expected = pushed && pushed.after === greeted ? pushed.list : greeted;
  const [link, setLink] = useState('');
  const [linkProblem, setLinkProblem] = useState(false);
  const [scanning, setScanning] = useState<AbortController | null>(null);
  const [scanFailed, setScanFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  // Nobody booked for now (or a room without sessions): the walk-in form is all there is.
  if (expected.length === 0 && !scanning) return null;

  const checkIn = async (input: { bookingId: number } | { personalToken: string }) => {
    const result = await command.run('station:checkin', input);
    if (result) onCheckedIn(result.shift);
  };

  const submitLink = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const token = personalTokenFrom(link);
    setLinkProblem(token === null);
    if (token) await checkIn({ personalToken: token });
  };

  const scan = async () => {
    const controller = new AbortController();
    setScanning(controller);
    setScanFailed(false);
    try {
      // The video element renders with `scanning`; wait a frame for it.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const text = video.current ? await scanQrCode(video.current, controller.signal) : null;
      const token = text === null ? null : personalTokenFrom(text);
      if (text !== null && token === null) setScanFailed(true);
      if (token) await checkIn({ personalToken: token });
    } catch {
      setScanFailed(true);
    } finally {
      setScanning(null);
    }
  };

  return (
    <section className="panel checkin booked-checkin" aria-labelledby="booked-heading" data-testid="booked-checkin">
      <h2 id="booked-heading">{t('attendance.heading')}</h2>
      {expected.length > 0 && (
        <fieldset className="expected">
          <legend>{t('attendance.expectedLegend')}</legend>
          <ul className="expected-list">
            {expected.map((person) => (
              <li key={person.bookingId}>
                <button type="button" aria-disabled={command.pending} onClick={() => void checkIn({ bookingId: person.bookingId })}>
                  {t('attendance.thatsMe', { name: person.name })}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <form onSubmit={(event) => void submitLink(event)} noValidate>
        <div className="field">
          <label htmlFor="checkin-personal-link">{t('attendance.linkLabel')}</label>
          <input
            id="checkin-personal-link"
            name="personalLink"
            autoComplete="off"
            spellCheck={false}
            value={link}
            aria-describedby="checkin-personal-link-hint"
            onChange={(event) => setLink(event.target.value)}
          />
          <p id="checkin-personal-link-hint" className="muted field-hint">
            {t('attendance.linkHint')}
          </p>
        </div>
        {linkProblem && (
          <p className="field-problem" role="alert">
            {t('attendance.linkInvalid')}
          </p>
        )}
        <button type="submit" aria-disabled={command.pending}>
          {t('attendance.linkSubmit')}
        </button>
      </form>
      {canScanQrCode() && (
        <div className="qr-scan">
          {scanning ? (
            <>
              <video ref={video} className="qr-video" muted playsInline aria-label={t('attendance.cameraLabel')} />
              <button type="button" onClick={() => scanning.abort()}>
                {t('attendance.scanStop')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void scan()}>
              {t('attendance.scan')}
            </button>
          )}
          {scanFailed && (
            <p className="field-problem" role="alert">
              {t('attendance.scanFailed')}
            </p>
          )}
        </div>
      )}
      <CommandError error={command.error} />
    </section>
  );
}
