import { networkInterfaces } from 'node:os';
import type { Config } from './config.ts';
import { databaseName } from './db/database-name.ts';

/** Addresses other computers in the room can reach this server on. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
}

/** A generated admin token is shown once, on the console only, never in the logs. */
export function printAdminToken(token: string | null, origin: string): void {
  if (!token) return;
  const page = (path: string) => `${origin}${path}#token=${encodeURIComponent(token)}`;
  console.log(`
  Admin token (shown only now, stored hashed): ${token}
  Set ADMIN_TOKEN to choose your own. The admin's pages (associations, rooms and links; every campaign; every room's planning; the comparison):
    ${page('/setup')}
    ${page('/campaigns')}
    ${page('/planning')}
    ${page('/compare')}
`);
}

/**
 * Where the room opens the pages: PUBLIC_URL if set, else this machine's LAN address (https when
 * the server serves TLS itself), the other LAN addresses, and this computer's own.
 */
export function roomOrigins(config: Pick<Config, 'host' | 'port' | 'tls' | 'publicUrl'>): { room: string; others: string[]; local: string } {
  const scheme = config.tls ? 'https' : 'http';
  const hosts = config.host === '0.0.0.0' ? lanAddresses() : [config.host];
  const origin = (host: string) => `${scheme}://${host}:${config.port}`;
  return {
    room: config.publicUrl ?? origin(hosts[0] ?? 'localhost'),
    others: hosts.slice(1).map(origin),
    local: origin('localhost'),
  };
}

/** The address to open, once the server listens. */
export function printAddresses(config: Pick<Config, 'host' | 'port' | 'tls' | 'publicUrl' | 'mail' | 'reminderHours' | 'databaseUrl' | 'databasePath'>): void {
  const { room, others, local } = roomOrigins(config);
  console.log(`\n  Ringstuga is serving at ${room}${others.length > 0 ? ` (also: ${others.join(', ')})` : ''}; on this computer: ${local}\n`);
  console.log(`  Database: ${databaseName(config)}\n`);
  console.log(`  ${mailStatus(config)}\n`);
}

/** Whether email goes out, and from whom; never the SMTP URL, which carries the password. */
export function mailStatus(config: Pick<Config, 'host' | 'port' | 'tls' | 'publicUrl' | 'mail' | 'reminderHours'>): string {
  if (!config.mail) return 'Email is off: set SMTP_URL and MAIL_FROM to send confirmations and reminders.';
  const hours = config.reminderHours.map((h) => `${h} h`).join(' and ');
  const links = config.publicUrl ? '' : ` Its links name ${roomOrigins(config).room}: set PUBLIC_URL to the address volunteers reach from home.`;
  return `Email is on, from ${config.mail.from}: confirmations, change notes and reminders ${hours} before each session.${links}`;
}
