import type { ParsedContact } from './parse-contacts.ts';

/**
 * Numbers erased while an import is running. An import reads its file and matches it before it
 * writes, in several transactions: a person erased in between would come back with the import's
 * later writes. Each running import collects the numbers erased since it began, and its writes
 * leave those rows out (each write runs in the same write queue as the erasure, so an erasure is
 * either before a chunk, which then skips the number, or after it, and deletes what it wrote).
 * Kept in memory only, and only while an import runs: an erased number must not be stored anywhere.
 */
export function createErasureWatch() {
  const running = new Set<Set<string>>();
  return {
    /** An import begins: the numbers erased from now until `end` are collected for it. */
    begin(): Set<string> {
      const erased = new Set<string>();
      running.add(erased);
      return erased;
    },
    end(erased: Set<string>): void {
      running.delete(erased);
    },
    /** A person was erased: call it inside the erasure's write, so no later import write misses it. */
    erased(phone: string): void {
      for (const numbers of running) numbers.add(phone);
    },
  };
}

export type ErasureWatch = ReturnType<typeof createErasureWatch>;

/** Whether an imported row names an erased number (as its number or its alternative one). */
export const namesErased = (erased: ReadonlySet<string>, contact: ParsedContact): boolean =>
  erased.size > 0 && (erased.has(contact.phone) || (contact.altPhone !== null && erased.has(contact.altPhone)));
