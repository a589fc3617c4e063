import { answerValues, type Question, type QuestionView } from '@ringstuga/shared';
import type { Tx } from '../../db/store/store.ts';

/** A list's live questions as the station sees them, and what each may be answered with. */
export interface ListQuestions {
  views: QuestionView[];
  /** Question key → its question and the values an answer may take. */
  byKey: ReadonlyMap<string, { kind: Question['kind']; values: ReadonlySet<string> }>;
}

const NONE: ListQuestions = { views: [], byKey: new Map() };

/**
 * The questions of each list, kept in memory: the card and the outcome read them on every cycle,
 * while they change only when an association or the admin saves a set. Every save drops the
 * entries it touches (a campaign's set: all of them, since its lists are many and saves are rare).
 * One server process writes the database, so no other process can make an entry stale. (Several
 * nodes on PostgreSQL will need the saves announced to every node: issue 16.)
 */
export class QuestionCache {
  private readonly lists = new Map<number, ListQuestions>();

  constructor(private readonly load: (q: Tx, listId: number) => Promise<QuestionView[]>) {}

  /** Read through `q` (the caller's read or write) when not cached. */
  async forList(q: Tx, listId: number): Promise<ListQuestions> {
    let cached = this.lists.get(listId);
    if (cached === undefined) {
      const views = await this.load(q, listId);
      cached = views.length === 0 ? NONE : { views, byKey: new Map(views.map((view) => [view.key, { kind: view.kind, values: new Set(answerValues(toQuestion(view))) }])) };
      this.lists.set(listId, cached);
    }
    return cached;
  }

  forgetList(listId: number): void {
    this.lists.delete(listId);
  }

  forgetAll(): void {
    this.lists.clear();
  }
}

function toQuestion(view: QuestionView): Question {
  return { key: view.key, kind: view.kind, text: view.text, ...(view.options && { options: view.options }) };
}
