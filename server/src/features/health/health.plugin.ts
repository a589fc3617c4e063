import fp from 'fastify-plugin';
import { healthRoutes } from './health.routes.ts';

export const healthPlugin = fp(async (app) => app.register(healthRoutes), { name: 'health', dependencies: ['database'] });
