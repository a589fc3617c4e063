import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('GET /api/health (the container health check)', () => {
  it('answers 200 { ok: true } without a token while the database can be read', async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('answers 503 { ok: false }, still without a token and with no figures, once the database cannot be read', async () => {
    server = await startServer();
    server.app.db.$client.close();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false });
  });
});
