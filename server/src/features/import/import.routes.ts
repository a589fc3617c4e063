import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zImportMapping, zImportPreview, zImportProgress, zImportResult } from '@ringstuga/shared';
import { fileBodyParser } from '../../file-body.ts';
import { replyError, zHttpError } from '../../http-errors.ts';
import { actorOf } from '../audit/audit-log.ts';
import { accessOf } from '../auth/access.ts';
import { NO_SUCH_LIST, visibleList } from '../lists/lists.service.ts';
import { ImportBusyError, ImportFileError, ImportTooLargeError } from './import-error.ts';
import { ListGoneError, type ImportService } from './import.service.ts';
import { MAX_IMPORT_ROWS } from './limits.ts';

/** The file types an import takes, each read as raw bytes. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_TYPES = ['text/csv', 'text/plain', 'application/octet-stream', XLSX];
/** 100 k rows of a wide spreadsheet stay well under this. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

const zMappingParam = z
  .string()
  .max(4_000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'mapping must be JSON, e.g. {"name":"Namn","phone":"Mobil"}' });
      return z.NEVER;
    }
  })
  .pipe(zImportMapping);

export const importRoutes = (imports: ImportService): FastifyPluginAsyncZod =>
  async (app) => {
    const { lists } = app;
    app.addContentTypeParser(FILE_TYPES, { bodyLimit: MAX_FILE_BYTES }, fileBodyParser(MAX_FILE_BYTES));

    app.post(
      '/api/lists/:id/import',
      {
        onRequest: app.requireRole('admin', 'association'),
        bodyLimit: MAX_FILE_BYTES,
        schema: {
          summary:
            'Imports a CSV file (UTF-8 with or without BOM, or Windows-1252; semicolon, comma or tab) or an Excel .xlsx workbook (its first sheet) into a list: whole or not at all',
          description:
            'The file is the request body (text/csv). Columns are recognised from Swedish and English headers unless `mapping` names them. Contacts already on the list (by external id, else by number) are updated and keep their call history. With `dryRun=true` nothing is written: the answer previews the file and what would happen. The answer lists the first 1,000 rejected rows and counts every rejected row per reason. ' +
            `A file of more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows, or a workbook whose parts inflate beyond the limits in the README, answers 413; an import (or dry run) while another for the same association runs answers 409.`,
          tags: ['lists'],
          security: [{ bearer: [] }],
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          querystring: z.strictObject({
            mapping: zMappingParam.optional(),
            dryRun: z.enum(['true', 'false']).default('false'),
            /** Sent by pages from before file names were dropped (a cached page): read, never kept. */
            fileName: z.string().max(200).optional(),
            /** The client's id for this upload: its progress is at GET /api/lists/:id/import-progress?importId=. */
            importId: z.uuid().optional(),
          }),
          response: {
            200: zImportResult.extend({ preview: zImportPreview }),
            400: zHttpError,
            401: zHttpError,
            403: zHttpError,
            404: zHttpError,
            409: zHttpError,
            413: zHttpError,
            415: zHttpError,
          },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        // Another association's list is as missing as one that does not exist.
        const list = await app.store.read((q) => visibleList(q, lists, access, request.params.id));
        if (!list) return replyError(reply, 'not_found', NO_SUCH_LIST);
        if (list.campaignArchived) {
          return replyError(reply, 'conflict', "The list's campaign is archived: it takes no new contacts", { reason: 'list_campaign_archived' });
        }
        // An empty file chosen in the page arrives as no body at all.
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
          return replyError(reply, 'bad_request', 'Send the file as the request body (text/csv or .xlsx)', { reason: 'file_empty' });
        }
        try {
          return await imports.run({
            listId: request.params.id,
            associationId: list.associationId,
            bytes: request.body,
            declaredXlsx: request.headers['content-type']?.startsWith(XLSX) === true || /\.xlsx$/i.test(request.query.fileName ?? ''),
            mapping: request.query.mapping,
            actor: actorOf(access),
            dryRun: request.query.dryRun === 'true',
            importId: request.query.importId,
          });
        } catch (error) {
          if (error instanceof ImportFileError) return replyError(reply, 'bad_file', error.message, error.why);
          if (error instanceof ImportTooLargeError) return replyError(reply, 'too_large', error.message, error.why);
          if (error instanceof ImportBusyError) return replyError(reply, 'import_running', error.message);
          if (error instanceof ListGoneError) return replyError(reply, 'not_found', NO_SUCH_LIST);
          throw error;
        }
      },
    );

    app.get(
      '/api/lists/:id/import-progress',
      {
        onRequest: app.requireRole('admin', 'association'),
        schema: {
          summary: 'How far an import (named by the importId its upload carried) has come: for a progress bar',
          tags: ['lists'],
          security: [{ bearer: [] }],
          params: z.strictObject({ id: z.coerce.number().int().positive() }),
          querystring: z.strictObject({ importId: z.uuid() }),
          response: { 200: zImportProgress, 401: zHttpError, 403: zHttpError, 404: zHttpError },
        },
      },
      async (request, reply) => {
        const access = accessOf(request, 'admin', 'association');
        if (!(await app.store.read((q) => visibleList(q, lists, access, request.params.id)))) return replyError(reply, 'not_found', NO_SUCH_LIST);
        const progress = await imports.progressOf(request.params.id, request.query.importId);
        if (!progress) return replyError(reply, 'not_found', 'No such import');
        return progress;
      },
    );
  };
