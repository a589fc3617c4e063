import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export const zHttpError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Every error code the HTTP API answers, with its one status: a code never means two statuses. */
const STATUS = {
  bad_request: 400,
  invalid_request: 400,
  bad_file: 400,
  invalid_phone: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_running: 409,
  too_large: 413,
  internal: 500,
  unavailable: 503,
} as const;

export type HttpErrorCode = keyof typeof STATUS;

/** The body every error has: `{ error: { code, message } }` (the README's contract). */
export function errorBody(code: HttpErrorCode, message: string): z.infer<typeof zHttpError> {
  return { error: { code, message } };
}

/** Answers with the error `code` and its status. */
export function replyError(reply: FastifyReply, code: HttpErrorCode, message: string): FastifyReply {
  return reply.code(STATUS[code]).send(errorBody(code, message));
}

/** What a service answers: the value, or why not as an HTTP error the route sends as it is. */
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; code: HttpErrorCode; message: string };
