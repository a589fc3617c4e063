import fp from 'fastify-plugin';
import { createAttendanceRepo } from './attendance.repo.ts';
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
    const { db, shifts, writes, announce, now } = app;
    const attendance = createAttendanceService({
      db,
      repo: createAttendanceRepo(db),
      shifts,
      // The sign-up feature's volunteers repo (registered later; a check-in comes after start).
      // Bridge until attendance runs on the store: on SQLite a read runs at once, inside the caller's write.
      volunteerByToken: (token) => app.store.read((q) => app.signup.volunteers.findByToken(q, token)),
    });
    app.decorate('attendance', attendance);
    announce.provide({ expectedOf: (roomId) => attendance.expected(roomId, now()) });
    const sweep = startSessionEndSweep({ attendance, writes, announce, now, log: app.log });
    app.decorate('sweepSessionEnds', sweep.sweep);
    app.addHook('preClose', async () => sweep.stop());
  },
  { name: 'attendance', dependencies: ['database', 'shifts', 'realtime'] },
);
