import type { Failure } from '@ringstuga/shared';
import i18next from 'i18next';
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

function isFailure(result: { ok: boolean }): result is Failure {
  return !result.ok;
}

/**
 * Sends one acknowledged command and reads its answer with the shared schema: types check
 * nothing at runtime, and a server newer than this open tab must not crash it.
 */
export async function runCommand<S extends { ok: true }>(
  connected: boolean,
  schema: ResultSchema<S | Failure>,
  send: () => Promise<unknown>,
): Promise<CommandOutcome<S>> {
  // Offline, socket.io would buffer the command and send it later behind the user's back.
  if (!connected) return { ok: false, error: { message: i18next.t('errors.disconnected') } };
  try {
    const parsed = schema.safeParse(await send());
    if (!parsed.success) return { ok: false, error: { message: i18next.t('errors.badResponse') } };
    const result = parsed.data;
    if (isFailure(result)) {
      return { ok: false, error: { message: i18next.t(`errors.codes.${result.error.code}`), detail: result.error.message } };
    }
    return { ok: true, value: result };
  } catch (error) {
    return { ok: false, error: { message: isTimeout(error) ? i18next.t('errors.timeout') : i18next.t('errors.disconnected') } };
  }
}
