import {
  type Assignment,
  type CallOutcomeInput,
  type EmptyReason,
  type ErrorCode,
  type OkResult,
} from '@ringstuga/shared';
import { useCallback, useRef, useState } from 'react';
import i18next from 'i18next';
import { sendCommand } from '../connection/command.ts';
import { isTimeout } from '../connection/socket-options.ts';
import type { FlushResult } from '../offline/outbox.ts';
import { openOutbox, useOutbox, type SendResult } from '../offline/use-outbox.ts';
import type { StationSocket } from './station-socket.ts';


/** What the work area shows. */
export type Offer =
  | { kind: 'loading' }
  | { kind: 'assignment'; assignment: Assignment }
  | { kind: 'empty'; reason: EmptyReason; nextAvailableAt?: string }
  /** The contact's lease ran out with no outcome: the page waits for the volunteer before asking again. */
  | { kind: 'lapsed'; name: string }
  /** The outcome is kept on this device until the connection is back; then the next contact comes. */
  | { kind: 'queued' }
  | { kind: 'error'; message: string; detail?: string };

export interface ActionError {
  message: string;
  detail?: string;
  /** The held assignment is gone, so retrying the same action cannot work. */
  assignmentGone: boolean;
}

const AFTER_SAVE_QUIET_MS = 600;

const GONE: ReadonlySet<ErrorCode> = new Set(['not_found', 'assignment_closed', 'assignment_taken']);

function transportMessage(error: unknown): string {
  if (isTimeout(error)) return i18next.t('errors.timeout');
  return i18next.t('errors.disconnected');
}

export interface OfferControls {
  offer: Offer;
  busy: boolean;
  actionError: ActionError | null;
  notice: string | null;
  fetchNext: () => Promise<void>;
  /** Forgets what was on offer (a new shift starts from nothing) until the next answer. */
  reset: () => void;
  /** The contact on screen went back to the queue; nothing more is asked until the volunteer says so. */
  lapse: (name: string) => void;
  /** Sends a skip (or another action that needs the connection); on success moves on to the next contact. */
  act: (send: (socket: StationSocket) => Promise<OkResult | null>, notice: string) => Promise<void>;
  /** Records an outcome: sent now, or kept on the device while offline and sent on reconnect. */
  record: (input: CallOutcomeInput, notice: string) => Promise<void>;
  /** The paired phone recorded this call's outcome: move on as after an own outcome. */
  recordedElsewhere: (assignmentId: string, notice: string) => void;
  /** Outcomes on this device waiting to be sent. */
  pending: number;
  /** Sends what waits now (the volunteer asked, rather than wait for the next try). */
  flush: () => Promise<void>;
}

/**
 * The contact on offer and the actions on it. Answers are parsed with the shared schemas:
 * types check nothing at runtime, and a server newer than this open tab must not crash it.
 */
export function useOffer(socket: StationSocket, token: string): OfferControls {
  const [offer, setOffer] = useState<Offer>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ActionError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Only the latest contact:next may set the offer; a slower, older answer is dropped.
  const latestRequest = useRef(0);
  // State updates land a render later; a ref stops a fast double key press sending twice.
  const acting = useRef(false);
  // The next contact is on screen a few ms after a save: a double press must not record an
  // outcome for a person nobody dialled, so input is ignored for a moment after each save.
  const quietUntil = useRef(0);
  // The contact on screen, and one whose outcome was sent but never answered (connection lost).
  const shownId = useRef<string | null>(null);
  const unanswered = useRef<string | null>(null);
  // This station's outcomes waiting for the connection (ids, outcomes and any note; each leaves once sent).
  const [outbox] = useState(() => openOutbox('station', token));

  const fetchNext = useCallback(async () => {
    // Offline, the next connect asks anyway; emitting now would only queue a duplicate. With
    // outcomes still to send, the server would hand back the contact they close: the flush asks.
    if (!socket.connected || outbox.pending().length > 0) return;
    const request = ++latestRequest.current;
    try {
      const result = await sendCommand(socket, 'contact:next');
      if (request !== latestRequest.current) return;
      if (!result) {
        setOffer({ kind: 'error', message: i18next.t('errors.badResponse') });
        return;
      }
      if (!result.ok) {
        setOffer({ kind: 'error', message: i18next.t(`errors.codes.${result.error.code}`), detail: result.error.message });
        return;
      }
      const nextId = result.assignment?.id ?? null;
      if (nextId !== shownId.current) {
        // Another contact: the error belonged to the last one. Had its outcome gone unanswered,
        // the server moved on only because it saved it, so say so.
        if (unanswered.current !== null && unanswered.current === shownId.current) setNotice(i18next.t('station.savedBeforeDrop'));
        setActionError(null);
      }
      unanswered.current = null;
      shownId.current = nextId;
      if (result.assignment) setOffer({ kind: 'assignment', assignment: result.assignment });
      else setOffer({ kind: 'empty', reason: result.reason, nextAvailableAt: result.nextAvailableAt });
    } catch (error) {
      if (request !== latestRequest.current) return;
      setOffer({ kind: 'error', message: i18next.t('errors.fetchFailed'), detail: transportMessage(error) });
    }
  }, [socket, outbox]);

  const flushed = useCallback(
    (result: FlushResult) => {
      setNotice(result.refused.length > 0 ? i18next.t('offline.someRefused') : i18next.t('offline.sentLater', { count: result.sent }));
      if (result.left === 0) void fetchNext();
    },
    [fetchNext],
  );
  const sending = useOutbox(outbox, socket, flushed);

  /** The one path of every action: one at a time, then on to the next contact or say why not. */
  const perform = useCallback(
    async (run: () => Promise<SendResult | { kind: 'sent'; result: null }>, successNotice: string) => {
      if (acting.current || performance.now() < quietUntil.current) return;
      acting.current = true;
      setBusy(true);
      setActionError(null);
      setNotice(null);
      try {
        const sent = await run();
        if (sent.kind === 'queued') {
          // The call is over; the contact leaves the screen and its outcome waits on the device.
          shownId.current = null;
          latestRequest.current++;
          setOffer({ kind: 'queued' });
          return;
        }
        const { result } = sent;
        if (!result) {
          setActionError({ message: i18next.t('errors.badResponse'), assignmentGone: false });
          return;
        }
        if (!result.ok) {
          const { code, message } = result.error;
          setActionError({ message: i18next.t(`errors.codes.${code}`), detail: message, assignmentGone: GONE.has(code) });
          return;
        }
        quietUntil.current = performance.now() + AFTER_SAVE_QUIET_MS;
        setNotice(successNotice);
        setOffer({ kind: 'loading' });
        await fetchNext();
      } catch (error) {
        // Only a skip gets here (an outcome without an answer waits in the outbox). Kept across the
        // reconnect: if the contact then changed, the skip did arrive, and the notice says so.
        unanswered.current = shownId.current;
        setActionError({ message: transportMessage(error), assignmentGone: false });
      } finally {
        acting.current = false;
        setBusy(false);
      }
    },
    [fetchNext],
  );

  const act = useCallback<OfferControls['act']>(
    async (send, successNotice) => {
      if (!socket.connected) {
        setActionError({ message: i18next.t('errors.disconnected'), assignmentGone: false });
        return;
      }
      await perform(async () => ({ kind: 'sent', result: await send(socket) }), successNotice);
    },
    [socket, perform],
  );
  const { send } = sending;
  const record = useCallback<OfferControls['record']>(
    (input, successNotice) => perform(() => send(input), successNotice),
    [perform, send],
  );
  const recordedElsewhere = useCallback(
    (assignmentId: string, successNotice: string) => {
      if (shownId.current !== assignmentId) return;
      setNotice(successNotice);
      setActionError(null);
      setOffer({ kind: 'loading' });
      void fetchNext();
    },
    [fetchNext],
  );

  const reset = useCallback(() => {
    // An answer still on its way belongs to the old shift.
    latestRequest.current++;
    shownId.current = null;
    unanswered.current = null;
    setActionError(null);
    setNotice(null);
    setOffer({ kind: 'loading' });
  }, []);

  const lapse = useCallback((name: string) => {
    latestRequest.current++;
    shownId.current = null;
    setActionError(null);
    setOffer({ kind: 'lapsed', name });
  }, []);

  return {
    offer,
    busy,
    actionError,
    notice,
    fetchNext,
    reset,
    lapse,
    act,
    record,
    recordedElsewhere,
    pending: sending.pending,
    flush: sending.flush,
  };
}
