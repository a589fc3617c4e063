import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe } from 'vitest';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The folder with `initdb` and `postgres`: POSTGRES_BIN, else Debian's newest
 * /usr/lib/postgresql/<version>/bin (`apt-get install postgresql`), else the PATH's.
 */
export function findPostgresBin(): string | undefined {
  if (process.env.POSTGRES_BIN) return existsSync(join(process.env.POSTGRES_BIN, 'initdb')) ? process.env.POSTGRES_BIN : undefined;
  const debian = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(DEBIAN_ROOT, version, 'bin'))
    : [];
  const path = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...debian, ...path].find((folder) => existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'postgres')));
}

export const postgresBin = findPostgresBin();

export const MISSING_POSTGRES = 'PostgreSQL not found: install it with `apt-get install -y postgresql` (or set POSTGRES_BIN)';

/**
 * `describe` for tests on a real PostgreSQL. Without its binaries they are skipped, loudly, on a
 * developer's machine; in CI that is a failure, so the tests can never vanish silently (the rule
 * of test/e2e/browser.ts).
 */
export function describeWithPostgres(name: string, fn: () => void): void {
  if (postgresBin) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') throw new Error(`PostgreSQL tests "${name}" cannot run in CI: ${MISSING_POSTGRES}`);
  const bar = '!'.repeat(72);
  console.warn(`\n${bar}\n!! SKIPPING POSTGRESQL TESTS: ${name}\n!! ${MISSING_POSTGRES}\n${bar}\n`);
  describe.skip(name, fn);
}
