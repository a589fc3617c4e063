import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from '../../config.ts';

// Which address a request comes from, for the failed-login and failed-join limits. Behind a
// reverse proxy the client's address is in X-Forwarded-For, but only the entries the proxies
// appended can be believed: the client writes the rest, the leftmost entry first of all.


/** Whether the peer `hop` steps away (0: the one connected to this server), at `address`, is a proxy of ours. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The trust function Fastify (`trustProxy`) and the sockets share. A hop count trusts that many
 * peers, nearest first, so the client is the entry the farthest proxy appended. (Fastify 5.12
 * treats a bare number as "trust nothing", hence the function.)
 */
export function proxyTrust(setting: TrustProxy): ProxyTrust | false {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyAddr.compile(setting);
}

/** The address a socket.io handshake (or any raw request) comes from, read as Fastify reads `request.ip`. */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust | false, fallback: string): string {
  if (!trust || request.socket.remoteAddress === undefined) return fallback;
  // Bounded, so a forged entry cannot make one limiter key of any size.
  return proxyAddr(request, trust).slice(0, 64) || fallback;
}
