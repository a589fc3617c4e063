import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zHttpError } from '../../http-errors.ts';
import type { Role } from '../auth/access.ts';
import { tableToCsv, tableToXlsx, XLSX_CONTENT_TYPE, type ExportTable } from './export-table.ts';

// One export, two routes: `<path>.xlsx` (the workbook, what the pages offer first) and
// `<path>.csv` (for other tools; `?sep=semicolon` for a CSV that Swedish Excel splits), with the
// same roles, the same rows and the same audit entry.

/** What an export route serves: its table and the download's name, without the extension. */
export interface ExportFile<Row> {
  table: ExportTable<Row>;
  filename: string;
  /** The workbook's sheet name (at most 31 characters). */
  sheet: string;
}
type Refusal = z.infer<typeof zHttpError>;

export interface ExportRouteSpec<Params extends z.ZodType, Row> {
  /** The route without its extension, e.g. `/api/shifts`. */
  path: string;
  roles: Role[];
  /** What the file holds; each route adds its format. */
  summary: string;
  tags: string[];
  params?: Params;
  /**
   * The file for this caller, or a 404's body. Runs before anything is sent: an export audited
   * here and failing to be audited is not served.
   */
  load: (request: FastifyRequest, params: z.infer<Params>) => ExportFile<Row> | Refusal | Promise<ExportFile<Row> | Refusal>;
}

/** A download's headers: never cached (it holds personal data). */
function downloadHeaders(filename: string, contentType: string): Record<string, string> {
  return { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' };
}

export const zCsvQuery = z.strictObject({
  sep: z.enum(['comma', 'semicolon']).default('comma').describe('`semicolon`: a CSV that Excel with Swedish regional settings splits into columns'),
});

export function registerExport<Params extends z.ZodType, Row>(app: FastifyInstance, spec: ExportRouteSpec<Params, Row>): void {
  const timeZone = app.config.timeZone;
  const schema = {
    tags: spec.tags,
    security: [{ bearer: [] }],
    params: spec.params ?? z.strictObject({}),
  };
  const errors = { 400: zHttpError, 401: zHttpError, 403: zHttpError, 404: zHttpError };

  const load = (request: FastifyRequest) => spec.load(request, request.params as z.infer<Params>);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    `${spec.path}.xlsx`,
    {
      onRequest: app.requireRole(...spec.roles),
      schema: {
        ...schema,
        summary: `${spec.summary}, as an Excel workbook (typed cells, times on the campaign's clock, the header row frozen)`,
        produces: [XLSX_CONTENT_TYPE],
        // A Buffer is sent as it is: no serializer looks at it.
        response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'The .xlsx workbook' }), ...errors },
      },
    },
    async (request, reply) => {
      const file = await load(request);
      if ('error' in file) return reply.code(404).send(file);
      const workbook = await tableToXlsx(file.table, { timeZone, sheet: file.sheet });
      return reply.headers(downloadHeaders(`${file.filename}.xlsx`, XLSX_CONTENT_TYPE)).send(workbook);
    },
  );
  typed.get(
    `${spec.path}.csv`,
    {
      onRequest: app.requireRole(...spec.roles),
      schema: {
        ...schema,
        summary: `${spec.summary}, as CSV (times on the campaign's clock)`,
        querystring: zCsvQuery,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const file = await load(request);
      if ('error' in file) return reply.code(404).send(file);
      return reply.headers(downloadHeaders(`${file.filename}.csv`, 'text/csv; charset=utf-8')).send(tableToCsv(file.table, { timeZone, separator: request.query.sep }));
    },
  );
}
