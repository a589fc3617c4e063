import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// This file sits two levels below the project root, and so does the bundle (server/dist/main.mjs)
// that `npm run build` makes of the server: the same path works from both.
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MIGRATIONS_FOLDER = resolve(PROJECT_ROOT, 'migrations');
export const CLIENT_DIST = resolve(PROJECT_ROOT, 'client/dist');
