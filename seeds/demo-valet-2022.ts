// The demo's archived campaign "Valet 2022" (election day 2022-09-11), so the comparison page has a
// past campaign to set beside this one on a fresh install. Made the way an admin would: the
// campaign, its lists and their contacts through the app's own routes, the calls by the
// simulator's station bots over real sockets, then archived with the confirm. The bots call an
// app whose clock is set back to the evenings of August and September 2022 and runs SPEED times
// fast, so calls, shifts and activity hours are dated then, not rewritten afterwards. Its figures
// are synthetic: the demo setting `synthetic_campaigns` marks it, and the comparison page says so.
import { DateTime } from 'luxon';
import { archiveConfirmation, zCampaign } from '@ringstuga/shared';
import { buildApp } from '../server/src/app.ts';
import type { Config } from '../server/src/config.ts';
import { asc } from 'drizzle-orm';
import { associations, settings } from '../server/src/db/schema.ts';
import { stationToken } from '../server/src/features/auth/tokens.ts';
import { SYNTHETIC_CAMPAIGNS_KEY } from '../server/src/features/comparison/comparison.repo.ts';
import { stationRandom } from '../tools/simulate/outcome-mix.ts';
import { StationBot } from '../tools/simulate/station-bot.ts';
import { SWEDISH_FIRST_NAMES } from './data/names.ts';
import { DEMO_SEED, generateDemoData } from './demo-data.ts';
import { demoCall } from './plan-demo.ts';

export const VALET_2022 = { name: 'Valet 2022', startsOn: '2022-08-15', electionDay: '2022-09-11', endsOn: '2022-09-11' } as const;
/** The calling evenings, 18:00–20:30 on the campaign's clock, thicker towards election day. */
const EVENINGS = ['2022-08-18', '2022-08-25', '2022-08-30', '2022-09-01', '2022-09-04', '2022-09-06', '2022-09-08', '2022-09-10'] as const;
const EVENING_START = '18:00';
const EVENING_HOURS = 2.5;
/** Simulated seconds per real second: an evening takes about 2.5 s, and the bots' human pauses shrink alike. */
const SPEED = 3600;
/** Associations (the first by id) with a list in 2022, each called by one station. */
const ASSOCIATIONS = 4;
const CONTACTS_PER_LIST = 250;

/** `name,phone` rows for one association's 2022 list: invented people from the demo's generator, another seed. */
function contactsCsv(contacts: ReturnType<typeof generateDemoData>['contacts'], association: number): string {
  const rows = contacts.filter((contact) => contact.association === association).slice(0, CONTACTS_PER_LIST);
  return ['name,phone', ...rows.map((contact) => `${contact.name},${contact.phone}`)].join('\n');
}

/**
 * Runs on a new demo database before the demo's own app starts (the two never share the file at
 * once). `adminToken`: the one the seeding app generated (PostgreSQL), which this app cannot see
 * (it is stored hashed). Answers the admin token this app generated, if it did: shown once, so the demo prints it.
 */
export async function simulateValet2022(config: Config, adminToken: string | null = null): Promise<{ generatedAdminToken: string | null }> {
  let evening = DateTime.fromISO(`${EVENINGS[0]}T${EVENING_START}`, { zone: config.timeZone }).toMillis();
  let realStart = Date.now();
  const now = () => evening + (Date.now() - realStart) * SPEED;
  // Plain HTTP on loopback whatever the demo serves: only the bots below connect to it.
  const app = await buildApp({ ...config, tls: undefined }, { now, logger: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('Valet 2022: the app did not listen on a port');
    const url = `http://127.0.0.1:${address.port}`;
    const admin = app.generatedAdminToken ?? adminToken ?? config.adminToken;
    if (!admin) throw new Error('Valet 2022: no admin token to make the campaign with');

    const campaign = zCampaign.parse(await demoCall(app, 'POST', '/api/campaigns', admin, VALET_2022));
    const people = generateDemoData(DEMO_SEED ^ 2022).contacts;
    const firstAssociations = await app.store.read((q) =>
      q.db.select({ id: associations.id, name: associations.name }).from(associations).orderBy(asc(associations.id)).limit(ASSOCIATIONS),
    );
    const lists: { listId: number; associationId: number }[] = [];
    for (const [index, association] of firstAssociations.entries()) {
      const list = await demoCall<{ id: number }>(app, 'POST', '/api/lists', admin, { name: `${association.name} 2022`, associationId: association.id, campaignId: campaign.id });
      await demoCall(app, 'POST', `/api/lists/${list.id}/import`, admin, contactsCsv(people, index), 'text/csv');
      lists.push({ listId: list.id, associationId: association.id });
    }
    const key = app.tokenKey;
    const stations = (await app.store.read((q) => app.stations.list(q))).slice(0, lists.length);
    // Each station calls its association's 2022 list only, not this year's lists.
    for (const [index, station] of stations.entries()) await demoCall(app, 'PUT', `/api/stations/${station.number}/list`, admin, { listId: lists[index]!.listId });

    for (const [day, date] of EVENINGS.entries()) {
      evening = DateTime.fromISO(`${date}T${EVENING_START}`, { zone: config.timeZone }).toMillis();
      realStart = Date.now();
      const bots = stations.map((station, index) =>
        new StationBot({
          url,
          token: stationToken(key, station.number, station.tokenGeneration),
          random: stationRandom(DEMO_SEED + day, index),
          speed: SPEED,
          deadline: realStart + (EVENING_HOURS * 3_600_000) / SPEED,
          stopWhenEmpty: true,
          // A few faces return every evening, others come now and then.
          volunteer: SWEDISH_FIRST_NAMES[(index * 11 + (day % 3 === 0 ? 0 : day)) % SWEDISH_FIRST_NAMES.length],
          associationId: lists[index]!.associationId,
        }).start(),
      );
      await Promise.all(bots.map((bot) => bot.done));
      // The bots leave without checking out, as volunteers do: the next morning the idle sweep
      // closes their shifts at their last outcome, so the next evening starts new ones.
      evening = DateTime.fromMillis(evening, { zone: config.timeZone }).plus({ hours: 14 }).toMillis();
      realStart = Date.now();
      await app.sweepIdleShifts();
    }

    for (const station of stations) await demoCall(app, 'PUT', `/api/stations/${station.number}/list`, admin, { listId: null });
    await demoCall(app, 'POST', `/api/campaigns/${campaign.id}/archive`, admin, { confirm: archiveConfirmation(campaign.name) });
    await app.store.write((q) => q.run(q.db.insert(settings).values({ key: SYNTHETIC_CAMPAIGNS_KEY, value: JSON.stringify([campaign.id]) }).onConflictDoNothing()));
    return { generatedAdminToken: app.generatedAdminToken };
  } finally {
    await app.close();
  }
}
