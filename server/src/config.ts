import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import proxyAddr from '@fastify/proxy-addr';
import { createSecureContext } from 'node:tls';
import { DateTime } from 'luxon';
import { z } from 'zod';

const zClock = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM')
  .transform((value) => {
    const [hours, minutes] = value.split(':').map(Number) as [number, number];
    return hours * 60 + minutes;
  })
  .pipe(z.number().max(24 * 60, 'at most 24:00'));

export const zCallingHours = z
  .string()
  .transform((value) => value.split('-'))
  .pipe(z.tuple([zClock, zClock]))
  .transform(([start, end]) => ({ startMinute: start, endMinute: end }))
  .refine((hours) => hours.startMinute < hours.endMinute, 'the start must come before the end');
export type CallingHours = z.infer<typeof zCallingHours>;

const zPositiveInt = z.coerce.number().int().positive();

/** TRUST_PROXY as parsed: off, a number of proxies in front, or the proxies' addresses (CIDR allowed). */
export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY: `false` (the default), the number of proxies in front (`true` means 1, as it
 * did before hop counts), or the proxies' addresses and CIDR ranges, comma-separated.
 */
export const zTrustProxy = z
  .string()
  .trim()
  .transform((value, context): TrustProxy => {
    if (/^(false|no|off)$/i.test(value) || value === '0') return false;
    if (/^(true|yes|on)$/i.test(value)) return 1;
    if (/^\d+$/.test(value)) return Number(value);
    const proxies = value.split(',').map((entry) => entry.trim()).filter(Boolean);
    try {
      proxyAddr.compile(proxies);
      return proxies;
    } catch {
      context.addIssue({ code: 'custom', message: 'expected false, a number of proxies (1), or the proxies\' addresses, e.g. 10.0.0.2 or 10.0.0.0/8' });
      return z.NEVER;
    }
  })
  .refine((setting) => typeof setting !== 'number' || setting <= 10, 'at most 10 proxies in front');

/** REMINDER_HOURS: hours before a session a reminder goes out, e.g. `24,2`; largest first, no repeats. */
export const zReminderHours = z
  .string()
  .transform((value) => value.split(',').map((part) => Number(part.trim())))
  .pipe(z.array(z.number().int('whole hours').positive().max(24 * 14)).min(1).max(5))
  .transform((hours) => [...new Set(hours)].sort((a, b) => b - a));

/** Every setting comes from the environment; the README lists them. */
export const zConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default(resolve('data/ringstuga.db')),
  // PostgreSQL instead of the SQLite file, for several nodes on one database (README: Several nodes).
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected postgres://user:password@host:5432/database' }).optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  // The key station tokens are derived from, kept out of the database file (and its backups) when set.
  TOKEN_KEY: z
    .string()
    .regex(/^[\x21-\x7e]{32,512}$/, 'TOKEN_KEY must be 32 to 512 printable ASCII characters without spaces, e.g. from `openssl rand -base64 32`')
    .optional(),
  PUBLIC_URL: z.url().optional(),
  // Serve HTTPS directly: PEM files, read once at start (behind Caddy or nginx, leave both unset).
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  CALLING_HOURS: zCallingHours.default({ startMinute: 9 * 60, endMinute: 21 * 60 }),
  TIME_ZONE: z
    .string()
    .refine((zone) => DateTime.local().setZone(zone).isValid, 'not a known IANA time zone, e.g. Europe/Stockholm')
    .default('Europe/Stockholm'),
  LEASE_SECONDS: zPositiveInt.default(15 * 60),
  RETRY_COOLDOWN_MINUTES: zPositiveInt.default(120),
  MAX_ATTEMPTS: zPositiveInt.default(3),
  // A station with nothing handed out or recorded for this long shows as idle on the room board.
  ROOM_IDLE_MINUTES: zPositiveInt.default(5),
  // A shift with no sign of its volunteer for this long is checked out at that last sign (README).
  SHIFT_IDLE_MINUTES: zPositiveInt.default(30),
  // New contacts one station may be handed per minute (beyond a small burst); 0 turns the limit off.
  STATION_CONTACTS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(12),
  // Failed logins (HTTP) and failed joins (each socket.io namespace) per address and minute before it is refused.
  AUTH_FAILURES_PER_MINUTE: zPositiveInt.default(20),
  // Behind a reverse proxy, the client's address comes from the X-Forwarded-For entry it appended; without one it must not.
  TRUST_PROXY: zTrustProxy.default(false),
  // How long a write waits for another connection's lock; the wait blocks the event loop.
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // Email (README: Email): off unless SMTP_URL is set; the URL carries the credentials, so it is never logged.
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://user:password@host:587 or smtps://user:password@host:465' }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).regex(/@/, 'expected an address, e.g. "Ringstuga <ring@example.org>"').optional(),
  REMINDER_HOURS: zReminderHours.default([24, 2]),
  // A volunteer with no booking for this long has their name and contact details removed.
  VOLUNTEER_RETENTION_DAYS: zPositiveInt.max(3650).default(180),
  // The planning view warns of a session starting within this many days with under this share of its places booked.
  MOBILISATION_WARNING_DAYS: zPositiveInt.max(365).default(7),
  MOBILISATION_WARNING_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO: z.stringbool().default(false),
});

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  /** DATABASE_URL: when set, PostgreSQL is the store and DATABASE_PATH is not used. */
  databaseUrl?: string;
  adminToken?: string;
  /** TOKEN_KEY: when set, station tokens are derived from it and no key is kept in the database. */
  tokenKey?: string;
  publicUrl?: string;
  /** The certificate chain and private key (PEM) when the server speaks HTTPS itself. */
  tls?: { cert: Buffer; key: Buffer };
  callingHours: CallingHours;
  timeZone: string;
  leaseMs: number;
  retryCooldownMs: number;
  maxAttempts: number;
  roomIdleMs: number;
  shiftIdleMs: number;
  stationContactsPerMinute: number;
  authFailuresPerMinute: number;
  trustProxy: TrustProxy;
  dbBusyTimeoutMs: number;
  logLevel: z.infer<typeof zConfig>['LOG_LEVEL'];
  demo: boolean;
  /** Set when SMTP_URL is: where and as whom email goes out. */
  mail?: MailConfig;
  /** Hours before each booked session a reminder is sent (largest first). */
  reminderHours: number[];
  volunteerRetentionMs: number;
  /** The planning view's early warning: a session this close with fewer places booked than this share. */
  mobilisationWarning: { days: number; percent: number };
}

export interface MailConfig {
  /** smtp:// or smtps:// with the credentials in it: never logged or shown. */
  smtpUrl: string;
  from: string;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (`ADMIN_TOKEN=` in a compose file) means unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = zConfig.safeParse(given);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    adminToken: e.ADMIN_TOKEN,
    tokenKey: e.TOKEN_KEY,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    tls: readTls(e.TLS_CERT, e.TLS_KEY),
    callingHours: e.CALLING_HOURS,
    timeZone: e.TIME_ZONE,
    leaseMs: e.LEASE_SECONDS * 1000,
    retryCooldownMs: e.RETRY_COOLDOWN_MINUTES * 60_000,
    maxAttempts: e.MAX_ATTEMPTS,
    roomIdleMs: e.ROOM_IDLE_MINUTES * 60_000,
    shiftIdleMs: e.SHIFT_IDLE_MINUTES * 60_000,
    stationContactsPerMinute: e.STATION_CONTACTS_PER_MINUTE,
    authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    dbBusyTimeoutMs: e.DB_BUSY_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    demo: e.DEMO,
    mail: mailConfig(e.SMTP_URL, e.MAIL_FROM),
    reminderHours: e.REMINDER_HOURS,
    volunteerRetentionMs: e.VOLUNTEER_RETENTION_DAYS * 24 * 60 * 60_000,
    mobilisationWarning: { days: e.MOBILISATION_WARNING_DAYS, percent: e.MOBILISATION_WARNING_PERCENT },
  };
}

/** MAIL_FROM goes with SMTP_URL: a server that would send mail from nobody refuses to start. */
function mailConfig(smtpUrl: string | undefined, from: string | undefined): Config['mail'] {
  if (!smtpUrl) return undefined;
  if (!from) throw new Error('Invalid configuration:\n✖ MAIL_FROM is required when SMTP_URL is set, e.g. MAIL_FROM="Ringstuga <ring@example.org>"');
  return { smtpUrl, from };
}

/** Both files or neither; each must be readable, and the key must be the certificate's. */
function readTls(certPath: string | undefined, keyPath: string | undefined): Config['tls'] {
  if (!certPath && !keyPath) return undefined;
  if (!certPath || !keyPath) {
    throw new Error(`Invalid configuration:\n✖ TLS_CERT and TLS_KEY go together: set both (PEM files) to serve HTTPS, or neither`);
  }
  const read = (variable: string, path: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new Error(`Invalid configuration:\n✖ ${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
  };
  const tls = { cert: read('TLS_CERT', certPath), key: read('TLS_KEY', keyPath) };
  try {
    createSecureContext(tls);
  } catch (error) {
    // OpenSSL's reason, e.g. "key values mismatch" or "no start line" (not PEM); never the key itself.
    throw new Error(`Invalid configuration:\n✖ TLS_CERT and TLS_KEY: not a usable certificate and key (${(error as Error).message})`, { cause: error });
  }
  return tls;
}
