import fp from 'fastify-plugin';
import { CallingService } from './calling.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Hands out contacts and records outcomes (the allocator and the outcome write). */
    calling: CallingService;
  }
}

export const callingPlugin = fp(
  async (app) => {
    const { config } = app;
    app.decorate(
      'calling',
      new CallingService(app.db.$client, {
        leaseMs: config.leaseMs,
        retryCooldownMs: config.retryCooldownMs,
        maxAttempts: config.maxAttempts,
        callingHours: config.callingHours,
        timeZone: config.timeZone,
        contactsPerMinute: config.stationContactsPerMinute,
      }),
    );
  },
  { name: 'calling', dependencies: ['database'] },
);
