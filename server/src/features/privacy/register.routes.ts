import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zDoNotCallInput, zDoNotCallResult } from '@ringstuga/shared';
import { fileBodyParser } from '../../file-body.ts';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { ImportFileError } from '../import/import-error.ts';
import type { PrivacyService } from './privacy.service.ts';
import { numbersInFile } from './register-file.ts';

const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];
/** A register of a few hundred thousand numbers stays well under this. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

// The register's numbers are never listed: managing them needs only adding, removing and counting.
const zRegisterCounts = z.object({
  count: z.number().int(),
  bySource: z.object({ outcome: z.number().int(), admin: z.number().int(), import: z.number().int() }),
});

/** The global do-not-call register, honoured by every list; the admin's alone. */
export const registerRoutes =
  (privacy: PrivacyService): FastifyPluginAsyncZod =>
  async (app) => {
    const security = [{ bearer: [] }];
    const refusals = { 401: zHttpError, 403: zHttpError };
    app.addContentTypeParser(FILE_TYPES, { bodyLimit: MAX_FILE_BYTES }, fileBodyParser(MAX_FILE_BYTES));

    app.get(
      '/api/do-not-call',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'How many numbers the do-not-call register holds, by where they came from (the numbers themselves are not listed)',
          tags: ['privacy'],
          security,
          response: { 200: zRegisterCounts, ...refusals },
        },
      },
      async () => privacy.registerCounts(),
    );

    app.post(
      '/api/do-not-call',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: "Adds numbers to the do-not-call register; each number's waiting contacts on every list are closed at once",
          description:
            'Numbers are normalised (default region SE); invalid ones are listed back as typed. A contact a station holds right now is withdrawn at that station\'s next request.',
          tags: ['privacy'],
          security,
          body: zDoNotCallInput,
          response: { 200: zDoNotCallResult, 400: zHttpError, ...refusals },
        },
      },
      async (request) => privacy.addToRegister(request.body.phones, 'admin', actorOf(accessOf(request, 'admin'))),
    );

    app.post(
      '/api/do-not-call/import',
      {
        onRequest: app.requireRole('admin'),
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          summary: 'Adds the numbers of a CSV file to the do-not-call register: one number per line, or a column named telefon or phone',
          description: 'The file is the request body (text/csv), UTF-8 or Windows-1252, separated by semicolons, commas or tabs.',
          tags: ['privacy'],
          security,
          response: { 200: zDoNotCallResult, 400: zHttpError, ...refusals, 413: zHttpError, 415: zHttpError },
        },
      },
      async (request, reply) => {
        const actor = actorOf(accessOf(request, 'admin'));
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          return replyError(reply, 'bad_request', 'Send the file as the request body (text/csv)');
        }
        let typed: string[];
        try {
          typed = numbersInFile(new Uint8Array(request.body));
        } catch (error) {
          if (error instanceof ImportFileError) return replyError(reply, 'bad_file', error.message);
          throw error;
        }
        return privacy.addToRegister(typed, 'import', actor);
      },
    );

    app.delete(
      '/api/do-not-call/:phone',
      {
        onRequest: app.requireRole('admin'),
        schema: {
          summary: 'Takes a number off the do-not-call register; contacts it closed stay closed (they are not reopened)',
          tags: ['privacy'],
          security,
          params: z.strictObject({ phone: z.string().min(1).max(40) }),
          response: { 204: z.null(), 400: zHttpError, ...refusals, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const outcome = await privacy.removeFromRegister(request.params.phone, actorOf(accessOf(request, 'admin')));
        if (outcome === 'invalid') return replyError(reply, 'invalid_phone', 'Not a valid phone number');
        if (outcome === 'absent') return replyError(reply, 'not_found', 'The number is not on the register');
        return reply.code(204).send(null);
      },
    );
  };
