import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zHttpError } from '../../http-errors.ts';
import { createRuntimeMetrics } from './runtime-metrics.ts';

const zMetrics = z.object({
  uptimeSeconds: z.number(),
  rssMb: z.number(),
  heapUsedMb: z.number(),
  stationsConnected: z.number().int(),
  eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
});

/**
 * The answer comes within this, database or not: Docker's check gives up after 5 s, and over a
 * silent network the read would wait for the store's own (much longer) query timeout.
 */
const HEALTH_READ_MS = 3000;

async function withinHealthTime<T>(read: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${HEALTH_READ_MS} ms`)), HEALTH_READ_MS);
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  // Docker's health check asks this: it must fail when the database does, so it reads from it.
  // One trivial statement on a table every database has, no figures in the answer, and no token needed.
  const probe = sql`SELECT 1 FROM rooms LIMIT 1`;
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness check: the server answers and its database can be read (503 when it cannot)',
        tags: ['system'],
        response: { 200: z.object({ ok: z.literal(true) }), 503: z.object({ ok: z.literal(false) }) },
      },
    },
    async (request, reply) => {
      try {
        await withinHealthTime(app.store.read((q) => q.get(probe)));
        return { ok: true as const };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: the database cannot be read');
        return reply.code(503).send({ ok: false as const });
      }
    },
  );

  const metrics = createRuntimeMetrics();
  app.addHook('onClose', async () => metrics.stop());
  app.get(
    '/api/metrics',
    {
      onRequest: app.requireAdmin,
      schema: {
        summary: 'Server load: event-loop delay (since start or the last reset), memory, connected stations',
        tags: ['system'],
        security: [{ bearer: [] }],
        querystring: z.strictObject({ reset: z.enum(['true', 'false']).default('false') }),
        response: { 200: zMetrics, 401: zHttpError, 403: zHttpError },
      },
    },
    async (request) => ({
      ...metrics.read(request.query.reset === 'true'),
      stationsConnected: await app.realtime.stationsConnected(),
    }),
  );
};
