import fp from 'fastify-plugin';
import { startIdleSweep } from './idle-sweep.ts';
import { shiftsRoutes } from './shifts.routes.ts';
import { ShiftsService } from './shifts.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Volunteers' shifts: check-in, check-out, figures. */
    shifts: ShiftsService;
    /** Runs the idle check-out now (it also runs once a minute). */
    sweepIdleShifts: () => Promise<void>;
  }
}

/** Who called when: shifts from check-in to check-out, closed for idling, exported. */
export const shiftsPlugin = fp(
  async (app) => {
    const { db, calling, phones, store, announce, now } = app;
    const shifts = new ShiftsService(db, calling);
    app.decorate('shifts', shifts);
    announce.provide({ shiftOf: (stationId) => shifts.current(stationId) });
    const idleSweep = startIdleSweep({ shifts, phones, store, announce, now, idleMs: app.config.shiftIdleMs, log: app.log });
    app.decorate('sweepIdleShifts', idleSweep.sweep);
    app.addHook('preClose', async () => idleSweep.stop());
    await app.register(shiftsRoutes);
  },
  { name: 'shifts', dependencies: ['calling', 'phone', 'realtime'] },
);
