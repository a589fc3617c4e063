import { useCallback, useRef, useState } from 'react';
import { runCommand, type CommandError, type ResultSchema } from './command.ts';
import type { Failure } from '@ringstuga/shared';

export interface Command {
  pending: boolean;
  /** The last attempt's failure, shown next to the control that sent it. */
  error: CommandError | null;
  /** The answer on success, null on failure (the error is kept) or while another is pending. */
  run: <S extends { ok: true }>(schema: ResultSchema<S | Failure>, send: () => Promise<unknown>) => Promise<S | null>;
  clearError: () => void;
}

/** One control's command: its own pending flag and error, so each failure shows where it happened. */
export function useCommand(socket: { readonly connected: boolean }): Command {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  // State lands a render later; the ref stops a double click sending twice.
  const running = useRef(false);

  const run = useCallback<Command['run']>(
    async (schema, send) => {
      if (running.current) return null;
      running.current = true;
      setPending(true);
      setError(null);
      try {
        const outcome = await runCommand(socket.connected, schema, send);
        if (!outcome.ok) setError(outcome.error);
        return outcome.ok ? outcome.value : null;
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [socket],
  );

  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
