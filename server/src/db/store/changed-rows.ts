/** How many rows a write changed, from either driver's answer (better-sqlite3's `changes`, pg's `rowCount`, or returned rows). */
export function changedRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const answer = result as { changes?: number; rowCount?: number | null } | undefined;
  return answer?.changes ?? answer?.rowCount ?? 0;
}
