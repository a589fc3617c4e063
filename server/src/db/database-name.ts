import type { Config } from '../config.ts';

/** The database as people read it in a banner or a tool's output: never DATABASE_URL's password. */
export function databaseName(config: Pick<Config, 'databaseUrl' | 'databasePath'>): string {
  if (!config.databaseUrl) return config.databasePath;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL database ${decodeURIComponent(url.pathname.slice(1)) || '(the user’s)'} on ${url.host || 'the local socket'}`;
}
