import type { CallListSummary } from '@ringstuga/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswersPanel } from '../questions/AnswersPanel.tsx';
import { QuestionsEditor } from '../questions/QuestionsEditor.tsx';
import { DistrictResultsPanel } from './DistrictResultsPanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { useListProgress } from './use-list-progress.ts';

interface ListViewProps {
  token: string;
  list: CallListSummary;
  /** Its size or settings changed: the lists want fetching again. */
  onChanged: () => void;
  onSaved: (list: CallListSummary) => void;
  onClose: () => void;
}

/** One list: how it goes (beside the election results, if given), its questions and their answers, a file into it, its exports and its settings. Mounted per list. */
export function ListView({ token, list, onChanged, onSaved, onClose }: ListViewProps) {
  const { t } = useTranslation();
  const progress = useListProgress(token, list.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Bumped when the questions are saved: the answers panel shows the set as it now is.
  const [questionsVersion, setQuestionsVersion] = useState(0);
  // Opening a list moves focus to it, so keyboard and screen-reader users land where the page changed.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="list-view" aria-labelledby="list-view-heading" data-testid="list-view" data-list={list.id}>
      <div className="list-view-head">
        <h2 id="list-view-heading" ref={heading} tabIndex={-1}>
          {t('listView.heading', { name: list.name })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('listView.close')}
        </button>
      </div>
      <ProgressPanel state={progress} onRefresh={progress.refresh} />
      <DistrictResultsPanel districts={progress.progress?.districts ?? null} />
      <QuestionsEditor token={token} scope={{ kind: 'lists', id: list.id }} onSaved={() => setQuestionsVersion((v) => v + 1)} />
      <AnswersPanel token={token} listId={list.id} version={questionsVersion} />
      <ImportPanel
        token={token}
        listId={list.id}
        onImported={() => {
          progress.refresh();
          onChanged();
        }}
      />
      <div className="list-view-columns">
        <ExportPanel token={token} listId={list.id} />
        <SettingsPanel token={token} list={list} onSaved={onSaved} />
      </div>
    </section>
  );
}
