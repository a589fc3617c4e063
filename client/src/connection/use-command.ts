import type { ClientCommands, CommandInput } from '@ringstuga/shared';
import { useCallback, useRef, useState } from 'react';
import { command as send, type CommandError, type CommandName, type SocketFor, type SuccessOf } from './command.ts';

export interface Command<N extends CommandName> {
  pending: boolean;
  /** The last attempt's failure, shown next to the control that sent it. */
  error: CommandError | null;
  /** Sends a command; the answer on success, null on failure (the error is kept) or while another is pending. */
  run: <E extends N>(event: E, ...input: CommandInput<ClientCommands[E]>) => Promise<SuccessOf<E> | null>;
  clearError: () => void;
}

/** One control's command: its own pending flag and error, so each failure shows where it happened. */
export function useCommand<N extends CommandName>(socket: SocketFor<N>): Command<N> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  // State lands a render later; the ref stops a double click sending twice.
  const running = useRef(false);

  const run = useCallback<Command<N>['run']>(
    async (event, ...input) => {
      if (running.current) return null;
      running.current = true;
      setPending(true);
      setError(null);
      try {
        const outcome = await send(socket, event, ...input);
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
