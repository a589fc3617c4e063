import { REFUSAL_REASONS, type Why } from '@ringstuga/shared';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * `reason` and `params` where a person meets the refusal in a page, which says it in its own
 * language (shared/src/refusals.ts); `message` is English, for tools and logs.
 */
export const zHttpError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.enum(REFUSAL_REASONS).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});

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

/** The body every error has: `{ error: { code, message, reason?, params? } }` (the README's contract). */
export function errorBody(code: HttpErrorCode, message: string, why?: Why): z.infer<typeof zHttpError> {
  return { error: { code, message, ...why } };
}

/** Answers with the error `code` and its status. */
export function replyError(reply: FastifyReply, code: HttpErrorCode, message: string, why?: Why): FastifyReply {
  return reply.code(STATUS[code]).send(errorBody(code, message, why));
}

/** What a service answers: the value, or why not as an HTTP error the route sends as it is. */
export type ServiceResult<T> = { ok: true; value: T } | { ok: false; code: HttpErrorCode; message: string; why?: Why };
