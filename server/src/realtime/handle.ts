import type { z } from 'zod';
import type { Failure } from '@ringstuga/shared';
import { failure, failureFromError } from '../errors.ts';

type AnyAck = (result: unknown) => void;

export interface HandlerContext {
  onError(error: unknown): void;
}

/**
 * Wraps a socket event handler. The arguments come from an untrusted client, so types
 * prove nothing: the last argument must be the acknowledgement, the first is parsed with
 * `schema`, and any exception becomes `{ ok: false, error }` instead of a crash.
 */
export function handleEvent<S extends z.ZodType, R>(
  schema: S | null,
  run: (input: z.output<S>) => R | Promise<R>,
  context: HandlerContext,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const reply = ack as AnyAck;
    let input: unknown;
    if (schema) {
      const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
      if (!parsed.success) return reply(invalid(parsed.error));
      input = parsed.data;
    }
    Promise.resolve()
      .then(() => run(input as z.output<S>))
      .then(reply, (error: unknown) => {
        context.onError(error);
        reply(failureFromError(error));
      });
  };
}

function invalid(error: z.ZodError): Failure {
  const first = error.issues[0];
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return failure('invalid_payload', `${first?.message ?? 'Invalid payload'}${where}`);
}

/**
 * A misspelt or unknown event with an acknowledgement gets a clear refusal, not a client-side
 * timeout; without an acknowledgement it is ignored.
 */
export function refuseUnknownEvents(
  socket: { onAny(listener: (event: unknown, ...args: unknown[]) => void): unknown },
  known: ReadonlySet<unknown>,
): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (known.has(event) || typeof ack !== 'function') return;
    (ack as AnyAck)(failure('invalid_payload', `Unknown event: ${String(event).slice(0, 64)}`));
  });
}
