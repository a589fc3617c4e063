// `npm run demo`: migrates, seeds the demo data into an empty database, serves the client and API,
// and prints the addresses the room's computers should open. Honours every server variable.
import closeWithGrace from 'close-with-grace';
import { z } from 'zod';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { derivedToken, stationToken } from '../server/src/features/auth/tokens.ts';
import { databaseName } from '../server/src/db/database-name.ts';
import { printAdminToken, roomOrigins } from '../server/src/startup-banner.ts';
import { ensureDemoLinks, planDemo } from './plan-demo.ts';
import { prepareDemoDatabase } from './demo-database.ts';

const zDemoEnv = z.object({ DEMO_STATIONS: z.coerce.number().int().positive().max(10_000).default(20) });

const demoEnv = zDemoEnv.parse(process.env);
// A demo should work whenever it is opened (unless set, calling hours are always) and keep its banner readable.
const config = loadConfig({ CALLING_HOURS: '00:00-24:00', DEMO: 'true', LOG_LEVEL: 'warn', ...process.env });

// A new demo also gets a past campaign to compare with, called by the simulator on 2022's evenings.
const seeded = await prepareDemoDatabase(config, demoEnv.DEMO_STATIONS);

const app = await buildApp(config);
closeWithGrace({ delay: 10_000 }, async () => {
  await app.close();
});
await app.listen({ port: config.port, host: config.host });

const { room: origin, others, local } = roomOrigins(config);
const key = app.tokenKey;
const stations = await app.store.read((q) => app.stations.list(q));
console.log(`
  Ringstuga demo (${seeded.created ? 'new' : 'existing'} database: ${databaseName(config)}, ${seeded.contacts} contacts)
  Room address: ${origin}${others.length > 0 ? `  (also: ${others.join(', ')})` : ''}
  On this computer: ${local}

  Station links (open one per calling computer):`);
for (const station of stations.slice(0, 20)) {
  console.log(`    ${String(station.number).padStart(3)}  ${origin}/station#token=${stationToken(key, station.number, station.tokenGeneration)}`);
}
if (stations.length > 20) console.log(`    … and ${stations.length - 20} more: on the admin's set-up page (/setup) or GET /api/stations`);
console.log(`    To call from a phone: check in on a station opened at the room address (not localhost),
    press "Koppla telefon" and scan the code with the phone.`);
// The demo's leader, big-screen, sign-up and association links for room 1, the same at every start
// (derived, stored hashed), and the next two weeks' sessions, made once through the leader's link.
const links = await ensureDemoLinks(app, Date.now());
const plan = await planDemo(app, links);
const screenToken = derivedToken(key, 'demo:screen:1');
const page = (token: string | null, path: string) => (token ? `${origin}${path}#token=${token}` : '(revoked)');
const screen = (await app.store.write((q) => app.accessLinks.ensure(q, 'screen', screenToken, 1, 'demo', Date.now()))) ? screenToken : null;
console.log(`
  Call leader's board:  ${page(links.leader, '/room')}
  Big screen:           ${page(screen, '/screen')}
  Sign-up page:         ${page(links.signup, '/signup')}  (the next two weeks' sessions in Kafé Marx)
  Association page:     ${page(links.association.token, '/association')}  (${links.association.name})`);
if (plan.teamToken && plan.pledgeToken) {
  console.log(`  Team evening's link:  ${page(plan.teamToken, '/signup')}  (shown only now)
  A pledge's own page:  ${page(plan.pledgeToken, '/me')}  (shown only now)`);
}
// Shown once, by whichever app made it: one preparing a new database, or this one.
printAdminToken(seeded.generatedAdminToken ?? app.generatedAdminToken, origin);
