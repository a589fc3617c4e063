// Reads the configuration, listens, and shuts down gracefully; everything else is in app.ts.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { printAddresses, printAdminToken, roomOrigins } from './startup-banner.ts';

// A configuration or a database that cannot serve is the operator's to fix: said in a sentence, not a stack.
const started = await (async () => {
  const config = loadConfig(process.env);
  return { config, app: await buildApp(config) };
})().catch((error: unknown) => {
  console.error(`Ringstuga could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const { config, app } = started;

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
printAddresses(config);
printAdminToken(app.generatedAdminToken, roomOrigins(config).room);
