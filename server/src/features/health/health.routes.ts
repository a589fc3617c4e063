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

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { summary: 'Liveness check', tags: ['system'], response: { 200: z.object({ ok: z.literal(true) }) } } },
    async () => ({ ok: true as const }),
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
      stationsConnected: app.realtime.stations.sockets.size,
    }),
  );
};
