// Reads the configuration, listens, and shuts down gracefully; everything else is in app.ts.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { printAddresses, printAdminToken, roomOrigins } from './startup-banner.ts';

const config = loadConfig(process.env);
const app = await buildApp(config);

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
printAddresses(config);
printAdminToken(app.generatedAdminToken, roomOrigins(config).room);
