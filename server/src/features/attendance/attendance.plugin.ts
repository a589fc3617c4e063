import fp from 'fastify-plugin';
import { createAttendanceService, type AttendanceService } from './attendance.service.ts';
import { startSessionEndSweep } from './session-end-sweep.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Check-in by booking or personal token, "expected now", and no-shows. */
    attendance: AttendanceService;
    /** Closes the sessions that have ended now, marking their unattended bookings `no_show` (it also runs once a minute). */
    sweepSessionEnds: () => Promise<void>;
  }
}

/** Who came: a booking becomes `attended` at check-in at its room, `no_show` when its session ends without one. */
export const attendancePlugin = fp(
  async (app) => {
    const { store, shifts, announce, now } = app;
    const attendance = createAttendanceService({
      shifts,
      // The sign-up feature's volunteers repo (registered later; a check-in comes after start).
      volunteerByToken: (q, token) => app.signup.volunteers.findByToken(q, token),
    });
    app.decorate('attendance', attendance);
    announce.provide({ expectedOf: (roomId) => store.read((q) => attendance.expected(q, roomId, now())) });
    const sweep = startSessionEndSweep({ attendance, store, announce, now, log: app.log });
    app.decorate('sweepSessionEnds', sweep.sweep);
    app.addHook('preClose', async () => sweep.stop());
  },
  { name: 'attendance', dependencies: ['database', 'shifts', 'realtime'] },
);
