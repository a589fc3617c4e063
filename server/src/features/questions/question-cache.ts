import { answerValues, type Question, type QuestionView } from '@ringstuga/shared';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { settings } from '../../db/schema.ts';
import type { Tx } from '../../db/store/store.ts';

/** A list's live questions as the station sees them, and what each may be answered with. */
export interface ListQuestions {
  views: QuestionView[];
  /** Question key → its question and the values an answer may take. */
  byKey: ReadonlyMap<string, { kind: Question['kind']; values: ReadonlySet<string> }>;
}

const NONE: ListQuestions = { views: [], byKey: new Map() };

/** The settings row every save of a question set changes, in its own write: what other nodes check. */
const VERSION_KEY = 'questions_version';
const versionSql = sql`SELECT value FROM settings WHERE key = ${VERSION_KEY}`;
/**
 * The version as a scalar subquery, for a statement that reads it along with what it reads anyway
 * (the card): its value goes to `forList` as `version`, which then saves a round trip.
 */
export const QUESTIONS_VERSION_SUBQUERY = `(SELECT value FROM settings WHERE key = '${VERSION_KEY}')`;

/** Call inside the write that saves a question set: every node's cache sees it at its next read. */
export async function questionsChanged(q: Tx): Promise<void> {
  const value = randomUUID();
  await q.db.insert(settings).values({ key: VERSION_KEY, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
}

/**
 * The questions of each list, kept in memory: the card and the outcome read them on every cycle,
 * while they change only when an association or the admin saves a set. Every save drops the
 * entries it touches on its own node (a campaign's set: all of them, since its lists are many and
 * saves are rare). On PostgreSQL another node may have saved: each read first compares the
 * version row (one primary-key read), and a changed version drops every entry. On SQLite one
 * process writes the file, so its own drops are enough and the row is not read.
 */
export class QuestionCache {
  private readonly lists = new Map<number, ListQuestions>();
  /** null: no set was ever saved; undefined: not read yet. */
  private version: string | null | undefined;
  /** Moves on at every drop: a load that began before one is not kept (it may hold the set before a save). */
  private generation = 0;

  constructor(private readonly load: (q: Tx, listId: number) => Promise<QuestionView[]>) {}

  /**
   * Read through `q` (the caller's read or write) when not cached. `version`: the version row's
   * value (null when there is none) as the caller's own statement read it through `q`, before this
   * call; left out, it is read here (PostgreSQL only: on SQLite it is never needed).
   */
  async forList(q: Tx, listId: number, version?: string | null): Promise<ListQuestions> {
    if (q.dialect === 'postgres') {
      const current = version !== undefined ? version : ((await q.value<string>(versionSql)) ?? null);
      if (current !== this.version) {
        this.forgetAll();
        this.version = current;
      }
    }
    let cached = this.lists.get(listId);
    if (cached === undefined) {
      const began = this.generation;
      const views = await this.load(q, listId);
      cached = views.length === 0 ? NONE : { views, byKey: new Map(views.map((view) => [view.key, { kind: view.kind, values: new Set(answerValues(toQuestion(view))) }])) };
      if (this.generation === began) this.lists.set(listId, cached);
    }
    return cached;
  }

  /**
   * The list's questions if they are in memory under `version` (the version row as the caller's own
   * statement read it: PostgreSQL), reading nothing; undefined on a miss, for `forList` to read.
   */
  cached(listId: number, version: string | null): ListQuestions | undefined {
    return version === this.version ? this.lists.get(listId) : undefined;
  }

  forgetList(listId: number): void {
    this.generation += 1;
    this.lists.delete(listId);
  }

  forgetAll(): void {
    this.generation += 1;
    this.lists.clear();
  }
}

function toQuestion(view: QuestionView): Question {
  return { key: view.key, kind: view.kind, text: view.text, ...(view.options && { options: view.options }) };
}
