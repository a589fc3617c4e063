import fp from 'fastify-plugin';
import { joinLimits } from '../auth/join-limiter.ts';
import { registerPhoneSocket } from './phone.socket.ts';
import { createPhones, type Phones } from './phones.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Phones paired with stations for a shift. */
    phones: Phones;
  }
}

/** A volunteer's own phone, paired with a station: shows its contact, records its outcome. */
export const phonePlugin = fp(
  async (app) => {
    const { store, realtime, calling, audit, announce, now } = app;
    const phones = createPhones({ store, realtime, calling, audit, now });
    app.decorate('phones', phones);
    announce.provide({
      pairState: (stationId) => phones.state(stationId),
      validPairing: (stationId) => phones.validPairing(stationId),
      contactOf: (stationId) => phones.contactOf(stationId),
    });
    registerPhoneSocket(realtime.phones, {
      announce,
      phones,
      calling,
      now,
      log: app.log,
      ...joinLimits(app.config),
    });
  },
  { name: 'phone', dependencies: ['realtime', 'calling', 'audit'] },
);
