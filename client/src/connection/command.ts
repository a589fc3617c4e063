import { clientCommands, type ClientCommands, type CommandAck, type CommandInput, type Failure } from '@ringstuga/shared';
import i18next from 'i18next';
import type { Socket } from 'socket.io-client';
import { isTimeout } from './socket-options.ts';

/** What a shared zod schema offers; the client does not depend on zod itself. */
export interface ResultSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

export interface CommandError {
  message: string;
  /** The server's own words, when it gave any. */
  detail?: string;
}

export type CommandOutcome<S> = { ok: true; value: S } | { ok: false; error: CommandError };

/** Every command a client sends, by name (the registry in shared/src/events.ts). */
export type CommandName = keyof ClientCommands & string;
/** A socket whose namespace has the command `E`: `E` must be in its emit map. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- socket.io-client's own EventsMap constraint
export type SocketFor<E extends string> = Socket<{ [event: string]: any }, { [K in E]: (...args: never[]) => void }>;
export type AckOf<E extends CommandName> = CommandAck<ClientCommands[E]>;
export type SuccessOf<E extends CommandName> = Extract<AckOf<E>, { ok: true }>;

// Indexed by a generic name, this mapped view keeps each command's own acknowledgement type.
const acks: { [E in CommandName]: { ack: ResultSchema<AckOf<E>> } } = clientCommands;

function isFailure(result: { ok: boolean }): result is Failure {
  return !result.ok;
}
function isSuccess<T extends { ok: boolean }>(result: T): result is Extract<T, { ok: true }> {
  return result.ok;
}

/**
 * Sends one command and reads its answer with the registry's acknowledgement schema: types check
 * nothing at runtime, and a server newer than this open tab must not crash it. Null: an answer
 * this page cannot read. A lost connection or a timeout rejects, as socket.io's `emitWithAck` does.
 */
export async function sendCommand<E extends CommandName>(
  socket: SocketFor<E>,
  event: E,
  ...input: CommandInput<ClientCommands[E]>
): Promise<AckOf<E> | null> {
  const raw: Socket = socket;
  const answer: unknown = await raw.emitWithAck(event, ...input);
  const parsed = acks[event].ack.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

/**
 * A command as a control sends it: refused at once when disconnected (socket.io would buffer it
 * and send it later behind the user's back), its failure or timeout said in the user's language.
 */
export async function command<E extends CommandName>(
  socket: SocketFor<E>,
  event: E,
  ...input: CommandInput<ClientCommands[E]>
): Promise<CommandOutcome<SuccessOf<E>>> {
  if (!socket.connected) return { ok: false, error: { message: i18next.t('errors.disconnected') } };
  try {
    const result = await sendCommand(socket, event, ...input);
    if (!result) return { ok: false, error: { message: i18next.t('errors.badResponse') } };
    if (isSuccess(result)) return { ok: true, value: result };
    if (isFailure(result)) {
      return { ok: false, error: { message: i18next.t(`errors.codes.${result.error.code}`), detail: result.error.message } };
    }
    return { ok: false, error: { message: i18next.t('errors.badResponse') } };
  } catch (error) {
    return { ok: false, error: { message: isTimeout(error) ? i18next.t('errors.timeout') : i18next.t('errors.disconnected') } };
  }
}
