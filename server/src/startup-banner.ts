import { networkInterfaces } from 'node:os';

/** Addresses other computers in the room can reach this server on. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && address.family === 'IPv4' && !address.internal)
    .map((address) => address!.address);
}

/** A generated admin token is shown once, on the console only, never in the logs. */
export function printAdminToken(token: string | null): void {
  if (!token) return;
  console.log(`\n  Admin token (shown only now, stored hashed): ${token}\n  Set ADMIN_TOKEN to choose your own.\n`);
}
