import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCount, formatShare } from '../lib/format-number.ts';
import type { RunProgress } from './use-import.ts';

interface Bar {
  /** Null: indeterminate (the server has not said how far it is). */
  value: number | null;
  max: number;
  text: string;
  /** Changes only with the phase: what the live region says, so it does not chatter every 300 ms. */
  phase: string;
}

function barOf(t: TFunction, progress: RunProgress): Bar {
  if (progress.stage === 'uploading') {
    const percent = formatShare(progress.sent, progress.total);
    return { value: progress.sent, max: Math.max(1, progress.total), text: t('listImport.phases.uploading', { percent }), phase: t('listImport.sending') };
  }
  const server = progress.server;
  if (!server) return { value: null, max: 1, text: t('listImport.phases.waiting'), phase: t('listImport.phases.waiting') };
  if (server.phase === 'writing') {
    if (server.total === 0) return { value: null, max: 1, text: t('listImport.savingContacts'), phase: t('listImport.savingContacts') };
    const text = t('listImport.phases.writing', { done: formatCount(server.done), total: formatCount(server.total) });
    return { value: server.done, max: server.total, text, phase: t('listImport.savingContacts') };
  }
  const text = t(`listImport.phases.${server.phase}`);
  return { value: server.phase === 'done' ? 1 : null, max: 1, text, phase: text };
}

/** The upload's own progress, then the server's; a real <progress> with its text beside it. */
export function ImportProgressBar({ progress }: { progress: RunProgress }) {
  const { t } = useTranslation();
  const bar = barOf(t, progress);
  return (
    <div className="import-progress" data-testid="import-progress" data-stage={progress.stage}>
      <label htmlFor="import-progress-bar">{t('listImport.progressLabel')}</label>
      {/* Keyed: React does not drop a value once set, and only a <progress> without one is indeterminate. */}
      {bar.value === null ? (
        <progress key="indeterminate" id="import-progress-bar" aria-describedby="import-progress-text" aria-valuetext={bar.text}>
          {bar.text}
        </progress>
      ) : (
        <progress
          key="determinate"
          id="import-progress-bar"
          value={bar.value}
          max={bar.max}
          aria-describedby="import-progress-text"
          aria-valuetext={bar.text}
        >
          {bar.text}
        </progress>
      )}
      <p id="import-progress-text" className="import-progress-text">
        {bar.text}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {bar.phase}
      </p>
    </div>
  );
}
