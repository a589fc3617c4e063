import type { Question, QuestionKind, QuestionView } from '@ringstuga/shared';

/** One question as the editor holds it: texts as typed, the key following the text until saved. */
export interface QuestionDraft {
  /** React's key: stable while the question's own key is still being typed. */
  id: string;
  key: string;
  /** Saved once: its answers are keyed by it, so it no longer changes. */
  keyLocked: boolean;
  /** The volunteer typed the key: it stops following the text. */
  keyEdited: boolean;
  kind: QuestionKind;
  sv: string;
  en: string;
  /** Only for `choice`: the options' Swedish texts (their keys are made from them). */
  options: { key: string; sv: string; en: string }[];
}

export const WANTS_TO_HELP_TEXT = 'Vill du hjälpa till?';

let nextId = 0;
const newId = () => `q${++nextId}`;

/** A key from a text: "Vill du hjälpa till?" → "vill_du_hjalpa_till"; always valid for zQuestionKey. */
export function keyFromText(text: string, fallback = 'fraga'): string {
  const slug = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const key = /^[a-z]/.test(slug) ? slug : `${fallback}_${slug}`.replace(/_+$/, '');
  return key.slice(0, 40).replace(/_+$/, '');
}

export function newDraft(kind: QuestionKind): QuestionDraft {
  const sv = kind === 'wants_to_help' ? WANTS_TO_HELP_TEXT : '';
  return {
    id: newId(),
    key: sv === '' ? '' : keyFromText(sv),
    keyLocked: false,
    keyEdited: false,
    kind,
    sv,
    en: '',
    options: kind === 'choice' ? [emptyOption(), emptyOption()] : [],
  };
}

export function emptyOption() {
  return { key: '', sv: '', en: '' };
}

export function draftFromView(view: QuestionView): QuestionDraft {
  return {
    id: newId(),
    key: view.key,
    keyLocked: true,
    keyEdited: true,
    kind: view.kind,
    sv: view.text.sv,
    en: view.text.en ?? '',
    options: (view.options ?? []).map((o) => ({ key: o.key, sv: o.text.sv, en: o.text.en ?? '' })),
  };
}

/** The text changed: an unsaved key the volunteer did not type follows it. */
export function withText(draft: QuestionDraft, sv: string): QuestionDraft {
  return { ...draft, sv, key: draft.keyLocked || draft.keyEdited ? draft.key : keyFromText(sv) };
}

export function withKind(draft: QuestionDraft, kind: QuestionKind): QuestionDraft {
  const options = kind === 'choice' ? (draft.options.length >= 2 ? draft.options : [emptyOption(), emptyOption()]) : [];
  return { ...draft, kind, options };
}

function text(sv: string, en: string) {
  const english = en.trim();
  return english === '' ? { sv: sv.trim() } : { sv: sv.trim(), en: english };
}

/** What `PUT` sends; the server checks it (and says in words what is wrong). */
export function toQuestion(draft: QuestionDraft): Question {
  const question: Question = { key: draft.key.trim(), kind: draft.kind, text: text(draft.sv, draft.en) };
  if (draft.kind !== 'choice') return question;
  return {
    ...question,
    options: draft.options.map((o, index) => ({ key: o.key || keyFromText(o.sv, `val${index + 1}`), text: text(o.sv, o.en) })),
  };
}

/** Moves the item at `index` one step up (-1) or down (1); the list unchanged at either end. */
export function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}
