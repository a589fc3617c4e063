import type { CallOutcomeInput, OkResult } from '@ringstuga/shared';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { sendCommand, type SocketFor } from '../connection/command.ts';
import { createOutbox, flushOutbox, outboxKey, type FlushResult, type Outbox } from './outbox.ts';

/** A socket that takes outcomes (a station's or a phone's). */
export type OutcomeSocket = SocketFor<'call:outcome'>;

/** `sent` with the server's answer; `queued`: kept on this device until it can be sent. */
export type SendResult = { kind: 'sent'; result: OkResult } | { kind: 'queued' };

/** An answer that never came while still connected: try again after this long. */
const RETRY_CONNECTED_MS = 3_000;

/** The device's outbox for this station link or pairing (in memory only where storage is blocked). */
export function openOutbox(kind: 'station' | 'phone', token: string): Outbox {
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined;
  }
  return createOutbox(outboxKey(kind, token), storage);
}

/**
 * Sends outcomes, keeping them on the device when the connection is down or the answer never
 * comes, and sends what waits as soon as the socket connects again (or, still connected, a little
 * later). `onFlushed` runs after such a send, so the page can move on (ask for the next contact).
 */
export function useOutbox(outbox: Outbox, socket: OutcomeSocket, onFlushed: (result: FlushResult) => void) {
  const pending = useSyncExternalStore(outbox.subscribe, () => outbox.pending().length);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const flushing = useRef(false);

  const emit = useCallback(
    async (input: CallOutcomeInput): Promise<OkResult> => {
      // A malformed answer is treated as a refusal: sending it again would not help.
      return (await sendCommand(socket, 'call:outcome', input)) ?? { ok: false, error: { code: 'internal', message: 'Unreadable answer' } };
    },
    [socket],
  );

  const flush = useCallback(async () => {
    clearTimeout(retry.current);
    if (flushing.current || !socket.connected || outbox.pending().length === 0) return;
    flushing.current = true;
    try {
      const result = await flushOutbox(outbox, emit);
      if (result.left > 0 && socket.connected) retry.current = setTimeout(() => void flush(), RETRY_CONNECTED_MS);
      onFlushed(result);
    } finally {
      flushing.current = false;
    }
  }, [socket, outbox, emit, onFlushed]);

  useEffect(() => {
    const onConnect = () => void flush();
    socket.on('connect', onConnect);
    if (socket.connected) void flush();
    return () => {
      socket.off('connect', onConnect);
      clearTimeout(retry.current);
    };
  }, [socket, flush]);

  const send = useCallback(
    async (input: CallOutcomeInput): Promise<SendResult> => {
      if (!socket.connected) {
        outbox.add(input);
        return { kind: 'queued' };
      }
      try {
        return { kind: 'sent', result: await emit(input) };
      } catch {
        // No answer (timeout, dropped connection): it may or may not have arrived; a resend is safe.
        outbox.add(input);
        if (socket.connected) retry.current = setTimeout(() => void flush(), RETRY_CONNECTED_MS);
        return { kind: 'queued' };
      }
    },
    [socket, outbox, emit, flush],
  );

  return { pending, send, flush };
}
