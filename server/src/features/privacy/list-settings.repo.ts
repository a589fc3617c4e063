import type { Database } from 'better-sqlite3';

/** What a list's owner may change about it: its name and whether callers may leave notes. */
export function createListSettingsRepo(sqlite: Database) {
  const update = sqlite.prepare(
    `UPDATE call_lists SET name = COALESCE(@name, name), notes_enabled = COALESCE(@notesEnabled, notes_enabled) WHERE id = @id`,
  );
  return {
    update(id: number, change: { name?: string; notesEnabled?: boolean }): void {
      const notesEnabled = change.notesEnabled === undefined ? null : change.notesEnabled ? 1 : 0;
      update.run({ id, name: change.name ?? null, notesEnabled });
    },
  };
}
