import type { QuestionKind, QuestionView } from '@ringstuga/shared';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemLine } from '../lib/ProblemLine.tsx';
import { useLoaded } from '../lib/use-loaded.ts';
import { useMakeForm } from '../lib/use-make-form.ts';
import { localText } from './question-text.ts';
import { draftFromView, moved, newDraft, toQuestion, type QuestionDraft } from './question-draft.ts';
import { QuestionRow } from './QuestionRow.tsx';
import './questions.css';
import { fetchQuestions, saveQuestions, type QuestionScope } from './questions-api.ts';

interface QuestionsEditorProps {
  token: string;
  scope: QuestionScope;
  /** The set was saved: the answers panel shows the questions as they now are. */
  onSaved: () => void;
}

const ADDABLE: readonly QuestionKind[] = ['yes_no', 'choice', 'scale', 'wants_to_help'];

/**
 * A list's own questions, or a whole campaign's: added, edited, reordered and removed here, saved
 * as one set. On a list, the campaign's are shown, not edited.
 */
export function QuestionsEditor({ token, scope, onSaved }: QuestionsEditorProps) {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'questionEditor' });
  const { kind, id } = scope;
  const load = useCallback((signal: AbortSignal) => fetchQuestions(token, { kind, id }, signal), [token, kind, id]);
  const loaded = useLoaded(load);
  const [drafts, setDrafts] = useState<QuestionDraft[] | null>(null);
  const [draftedFrom, setDraftedFrom] = useState<QuestionView[] | null>(null);
  const { problem, made, submit } = useMakeForm<QuestionView[]>();
  // Editing a campaign's set, every question is its own; on a list, those from the campaign are not.
  const own = (q: QuestionView) => kind === 'campaigns' || !q.fromCampaign;
  const fromCampaign = (loaded.data ?? []).filter((q) => !own(q));

  // The drafts start from the saved set, and start over from it after each save (adjusted while rendering).
  if (loaded.data && loaded.data !== draftedFrom) {
    setDraftedFrom(loaded.data);
    setDrafts(loaded.data.filter(own).map(draftFromView));
  }

  const change = (index: number, draft: QuestionDraft) => setDrafts((all) => all && all.map((d, i) => (i === index ? draft : d)));
  const invalid = (all: QuestionDraft[]): string | null => {
    const at = all.findIndex((d) => d.sv.trim() === '' || (d.kind === 'choice' && d.options.some((o) => o.sv.trim() === '')));
    return at === -1 ? null : t('needText', { number: at + 1 });
  };

  return (
    <section className="panel questions-editor" aria-labelledby="questions-editor-heading" data-testid="questions-editor">
      <h3 id="questions-editor-heading">{t('heading')}</h3>
      <p className="muted">{t(kind === 'campaigns' ? 'campaignLead' : 'lead')}</p>
      {loaded.error && <ProblemLine problem={t('loadFailed', { detail: loaded.error })} />}
      {fromCampaign.length > 0 && (
        <>
          <h4>{t('campaignHeading')}</h4>
          <ul>
            {fromCampaign.map((q) => (
              <li key={q.key}>{localText(q.text, i18n.language)}</li>
            ))}
          </ul>
        </>
      )}
      {drafts === null ? (
        !loaded.error && <p className="muted">{t('loading')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(event) =>
            void submit(event, invalid(drafts), () => saveQuestions(token, scope, drafts.map(toQuestion)), (saved) => {
              // The saved set at once (keys now fixed), before the reload that also brings the campaign's.
              setDrafts(saved.filter(own).map(draftFromView));
              loaded.refresh();
              onSaved();
            })
          }
        >
          {drafts.length === 0 && <p className="muted">{t(kind === 'campaigns' ? 'noneInCampaign' : 'none')}</p>}
          <ol className="question-drafts">
            {drafts.map((draft, index) => (
              <QuestionRow
                key={draft.id}
                draft={draft}
                index={index}
                count={drafts.length}
                onChange={(next) => change(index, next)}
                onMove={(step) => setDrafts(moved(drafts, index, step))}
                onRemove={() => setDrafts(drafts.filter((_, i) => i !== index))}
              />
            ))}
          </ol>
          <div className="button-row">
            {ADDABLE.map((kind) => (
              <button key={kind} type="button" disabled={drafts.length >= 20} onClick={() => setDrafts([...drafts, newDraft(kind)])}>
                {t(`add.${kind}`)}
              </button>
            ))}
          </div>
          <ProblemLine problem={problem} />
          <p className="notice" aria-live="polite">
            {made ? t('saved', { count: made.filter(own).length }) : ''}
          </p>
          <button type="submit" className="primary">
            {t('save')}
          </button>
        </form>
      )}
    </section>
  );
}
