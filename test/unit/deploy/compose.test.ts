import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from '../../helpers/server-process.ts';

// The shape of what these tests read from docker-compose.yml; anything else in a service is ignored.
const zService = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  profiles: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  ports: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string() }))]).optional(),
});
const zCompose = z.object({ services: z.record(z.string(), zService), volumes: z.record(z.string(), z.unknown()) });
type Service = z.infer<typeof zService>;

// `merge: true` resolves `<<: *node` as docker compose does.
const compose = zCompose.parse(parse(readFileSync(resolve(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }));
const services = Object.entries(compose.services);
/** The services `docker compose --profile <profile> up` starts: those without a profile and those in it. */
const startedWith = (profile?: string) => services.filter(([, service]) => !service.profiles || (profile !== undefined && service.profiles.includes(profile)));
const usesPostgres = ([, service]: [string, Service]) => Boolean(service.image?.startsWith('postgres') || service.environment?.DATABASE_URL);
const NODES = ['node1', 'node2', 'node3'];

describe('docker-compose.yml', () => {
  it('starts only the single SQLite node without a profile, with no PostgreSQL anywhere in it', () => {
    const started = startedWith();
    expect(started.map(([name]) => name)).toEqual(['ringstuga']);
    expect(started.filter(usesPostgres)).toEqual([]);
    expect(compose.services.ringstuga?.environment?.DATABASE_PATH).toBe('/data/ringstuga.db');
    // compose interpolates the whole file whatever the profile: a required variable (`${X:?…}`) of
    // the cluster would stop the plain `docker compose up`.
    expect(readFileSync(resolve(REPO_ROOT, 'docker-compose.yml'), 'utf8')).not.toMatch(/\$\{\w+:\?/);
  });

  it('has a cluster profile of PostgreSQL (volume, healthcheck), three nodes of the single node\'s build on DATABASE_URL, and HAProxy', () => {
    const cluster = Object.fromEntries(startedWith('cluster'));
    expect(Object.keys(cluster).sort()).toEqual(['haproxy', ...NODES, 'postgres', 'ringstuga'].sort());

    const postgres = cluster.postgres!;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.volumes?.some((volume) => volume.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');

    for (const name of NODES) {
      const node = cluster[name]!;
      expect(node.build, name).toEqual(compose.services.ringstuga?.build);
      expect(node.environment?.DATABASE_URL, name).toMatch(/^postgres:\/\/[^@]+@postgres:5432\/\w+$/);
      expect(node.environment?.DATABASE_PATH, name).toBeUndefined();
      expect(node.depends_on, name).toEqual({ postgres: { condition: 'service_healthy' } });
      // Nodes are reached only through HAProxy.
      expect(node.ports, name).toBeUndefined();
    }

    const haproxy = cluster.haproxy!;
    expect(haproxy.image).toMatch(/^haproxy:\d+/);
    expect(haproxy.ports).toHaveLength(1);
    expect(haproxy.ports![0]).not.toMatch(/PORT:-3000/);
    const config = haproxy.volumes?.find((volume) => volume.includes('haproxy.cfg'))?.split(':')[0];
    expect(config && existsSync(resolve(REPO_ROOT, config))).toBe(true);
  });

  it('balances over the three nodes with a sticky cookie and keeps websockets open (deploy/haproxy.cfg)', () => {
    const config = readFileSync(resolve(REPO_ROOT, 'deploy/haproxy.cfg'), 'utf8');
    expect(config).toMatch(/^\s*cookie \w+ insert/m);
    expect(config).toMatch(/^\s*timeout tunnel \d+/m);
    expect(config).toMatch(/^\s*option httpchk GET \/api\/health$/m);
    const servers = [...config.matchAll(/^\s*server (\S+) (\S+):3000 cookie (\S+)/gm)].map(([, name, host, cookie]) => ({ name, host, cookie }));
    expect(servers).toEqual(NODES.map((node) => ({ name: node, host: node, cookie: node })));
  });
});
