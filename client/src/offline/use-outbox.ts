import type { CallOutcomeInput, OkResult } from '@ringstuga/shared';
import { zOkResult } from '@ringstuga/shared';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { createOutbox, flushOutbox, type FlushResult, type Outbox } from './outbox.ts';

/** What a socket that takes outcomes must offer (a station's or a phone's). */
export interface OutcomeSocket {
  connected: boolean;
  emitWithAck(event: 'call:outcome', input: CallOutcomeInput): Promise<OkResult>;
  on(event: 'connect', listener: () => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
}

/** `sent` with the server's answer; `queued`: kept on this device until the connection is back. */
export type SendResult = { kind: 'sent'; result: OkResult } | { kind: 'queued' };

/** The device's outbox under `storageKey` (in memory only where storage is blocked). */
export function openOutbox(storageKey: string): Outbox {
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined;
  }
  return createOutbox(storageKey, storage);
}

/**
 * Sends outcomes, keeping them on the device when the connection is down or the answer never
 * comes, and sends what waits as soon as the socket connects again. `onFlushed` runs after such a
 * send, so the page can move on (ask for the next contact).
 */
export function useOutbox(outbox: Outbox, socket: OutcomeSocket, onFlushed: (result: FlushResult) => void) {
  const pending = useSyncExternalStore(outbox.subscribe, () => outbox.pending().length);

  const emit = useCallback(
    async (input: CallOutcomeInput): Promise<OkResult> => {
      const parsed = zOkResult.safeParse(await socket.emitWithAck('call:outcome', input));
      // A malformed answer is treated as a refusal: sending it again would not help.
      return parsed.success ? parsed.data : { ok: false, error: { code: 'internal', message: 'Unreadable answer' } };
    },
    [socket],
  );

  useEffect(() => {
    const flush = async () => {
      if (outbox.pending().length === 0) return;
      onFlushed(await flushOutbox(outbox, emit));
    };
    socket.on('connect', flush);
    if (socket.connected) void flush();
    return () => void socket.off('connect', flush);
  }, [socket, outbox, emit, onFlushed]);

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
        return { kind: 'queued' };
      }
    },
    [socket, outbox, emit],
  );

  return { pending, send };
}
