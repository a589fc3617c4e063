import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(ROOT, path), 'utf8'));

interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } }>;
}

describe('dependencies on the oldest Node the project supports', () => {
  it('every package in package-lock.json declares a Node range that includes the root engines minimum (no EBADENGINE)', () => {
    const { engines } = readJson('package.json') as { engines: { node: string } };
    const oldest = semver.minVersion(engines.node)!.version;
    const lock = readJson('package-lock.json') as LockFile;
    const refused = Object.entries(lock.packages)
      .filter(([, entry]) => entry.engines?.node !== undefined && !semver.satisfies(oldest, entry.engines.node))
      .map(([path, entry]) => `${path}@${entry.version} wants node ${entry.engines!.node}`);
    expect(refused).toEqual([]);
  });

  // The overrides in package.json pin cookie 1.1 (light-my-request) and content-disposition 2.0
  // (@fastify/static): the same functions, as CommonJS, declaring Node ≥ 18. These two calls run them.
  it('inject sends cookies through light-my-request (cookie.stringifySetCookie)', async () => {
    const app = Fastify();
    app.get('/echo', async (request) => ({ cookie: request.headers.cookie }));
    const response = await app.inject({ method: 'GET', url: '/echo', cookies: { lang: 'sv', note: 'å ä' } });
    expect(response.json()).toEqual({ cookie: 'lang=sv; note=%C3%A5%20%C3%A4' });
    await app.close();
  });

  it('a download through @fastify/static names the file with content-disposition.create', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringstuga-static-'));
    writeFileSync(join(dir, 'lista.csv'), 'namn;telefon\n');
    const app = Fastify();
    await app.register(fastifyStatic, { root: dir, serve: false });
    app.get('/file', async (_request, reply) => reply.download('lista.csv', 'Röda listan.csv'));
    const response = await app.inject({ method: 'GET', url: '/file' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="R?da listan.csv"; filename*=UTF-8''R%C3%B6da%20listan.csv`);
    expect(response.body).toBe('namn;telefon\n');
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
