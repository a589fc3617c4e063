import type { SQL } from 'drizzle-orm';
import type { Store } from '../../server/src/db/store/store.ts';

/** The first column of each row a query returns, read through the store (better-sqlite3's `pluck().all()`). */
export const column = async (store: Store, query: SQL): Promise<unknown[]> =>
  (await store.read((q) => q.all<Record<string, unknown>>(query))).map((row) => Object.values(row)[0]);

/** The first column of the first row, or undefined (better-sqlite3's `pluck().get()`). */
export const single = async (store: Store, query: SQL): Promise<unknown> => (await column(store, query))[0];

/** Rows of a query, read through the store. */
export const rows = <R = Record<string, unknown>>(store: Store, query: SQL): Promise<R[]> => store.read((q) => q.all<R>(query));

/** Runs one statement as a write. */
export const execute = (store: Store, query: SQL): Promise<number> => store.write((q) => q.run(query));
