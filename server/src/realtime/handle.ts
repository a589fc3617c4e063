import type { z } from 'zod';
import type { Socket } from 'socket.io';
import type { CommandAck, CommandRegistry, CommandSpec, Failure } from '@ringstuga/shared';
import { failure, failureFromError } from '../errors.ts';

/** A handler gets its command's parsed input (if the command takes one) and answers its acknowledgement. */
type HandlerArgs<C extends CommandSpec> = C['input'] extends z.ZodType ? [input: z.output<C['input']>] : [];
export type Handlers<R extends CommandRegistry> = {
  [E in keyof R]: (...args: HandlerArgs<R[E]>) => CommandAck<R[E]> | Promise<CommandAck<R[E]>>;
};

/**
 * Registers one handler per command of `registry` on a connection; the compiler makes `handlers`
 * cover every command and nothing else. The arguments come from an untrusted client, so types
 * prove nothing: the last argument must be the acknowledgement, the first is parsed with the
 * command's input schema, and any exception becomes `{ ok: false, error }` instead of a crash.
 * Any other event with an acknowledgement gets a clear refusal, not a client-side timeout.
 * Answers are not parsed with the ack schema here (the hot path): the types hold the handlers to
 * it, and test/integration/realtime/socket-registry.test.ts parses every answer over a real socket.
 */
export function registerHandlers<R extends CommandRegistry>(
  socket: Socket,
  registry: R,
  handlers: Handlers<R>,
  onError: (error: unknown) => void,
): void {
  const known = new Set<string>(Object.keys(registry));
  // The types refuse these too; at run time a handler the registry does not name must not pass silently either.
  const stray = Object.keys(handlers).filter((event) => !known.has(event));
  if (stray.length > 0) throw new Error(`Handlers outside the registry: ${stray.join(', ')}`);
  for (const event of known) {
    const schema = registry[event]!.input;
    const handler = handlers[event];
    // The types make this impossible; a registry entry without a handler must never pass silently.
    if (!handler) throw new Error(`No handler for ${event}`);
    socket.on(event, (...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = (result: unknown) => void Reflect.apply(ack, undefined, [result]);
      let input: unknown[] = [];
      if (schema) {
        const parsed = schema.safeParse(args.length > 1 ? args[0] : undefined);
        if (!parsed.success) return reply(invalid(parsed.error));
        input = [parsed.data];
      }
      Promise.resolve()
        .then((): unknown => Reflect.apply(handler, undefined, input))
        .then(reply, (error: unknown) => {
          onError(error);
          reply(failureFromError(error));
        });
    });
  }
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if ((typeof event === 'string' && known.has(event)) || typeof ack !== 'function') return;
    Reflect.apply(ack, undefined, [failure('invalid_payload', `Unknown event: ${String(event).slice(0, 64)}`)]);
  });
}

function invalid(error: z.ZodError): Failure {
  const first = closest(error.issues[0]);
  const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
  return failure('invalid_payload', `${first?.message ?? 'Invalid payload'}${where}`);
}

/**
 * A union's refusal says only "Invalid input": the first issue of the alternative that came closest
 * (the fewest issues) names the field instead, e.g. a walk-in's check-in without its associationId.
 */
function closest(issue: z.core.$ZodIssue | undefined): { message: string; path: PropertyKey[] } | undefined {
  if (issue?.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const nearest = issue.errors.reduce((best, errors) => (errors.length < best.length ? errors : best));
  const inner = closest(nearest[0]);
  return inner ? { message: inner.message, path: [...issue.path, ...inner.path] } : issue;
}
