import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { createLink } from '../../helpers/admin-setup.ts';
import { bodyOf } from '../../helpers/http.ts';
import { ADMIN_TOKEN, startServer, type TestServer } from '../../helpers/server.ts';

// Links whose every field is optional are made by a bare `curl -X POST`, no body at all: the
// leader's screen and sign-up links for their room, the admin's for room 1 and for every room.
const zLink = z.object({ token: z.string(), url: z.string() });
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const bare = (path: string, token: string) => fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

it('makes screen and sign-up links from a POST without a body, for the leader’s room or the admin’s default', async () => {
  const leader = await createLink(server.url, 'leader', { roomId: 1 });
  for (const token of [leader.token, ADMIN_TOKEN]) {
    expect((await bodyOf(await bare('/api/screen-links', token), 201, zLink)).url).toContain('/screen#token=');
    expect((await bodyOf(await bare('/api/signup-links', token), 201, zLink)).url).toContain('/signup#token=');
  }
});
