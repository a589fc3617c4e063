import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
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

function barOf(progress: RunProgress): Bar {
  const phases = sv.listImport.phases;
  if (progress.stage === 'uploading') {
    const percent = formatShare(progress.sent, progress.total);
    return { value: progress.sent, max: Math.max(1, progress.total), text: interpolate(phases.uploading, { percent }), phase: sv.listImport.sending };
  }
  const server = progress.server;
  if (!server) return { value: null, max: 1, text: phases.waiting, phase: phases.waiting };
  if (server.phase === 'writing') {
    if (server.total === 0) return { value: null, max: 1, text: sv.listImport.savingContacts, phase: sv.listImport.savingContacts };
    const text = interpolate(phases.writing, { done: formatCount(server.done), total: formatCount(server.total) });
    return { value: server.done, max: server.total, text, phase: sv.listImport.savingContacts };
  }
  if (server.phase === 'done') return { value: 1, max: 1, text: phases.done, phase: phases.done };
  return { value: null, max: 1, text: phases[server.phase], phase: phases[server.phase] };
}

/** The upload's own progress, then the server's; a real <progress> with its text beside it. */
export function ImportProgressBar({ progress }: { progress: RunProgress }) {
  const bar = barOf(progress);
  return (
    <div className="import-progress" data-testid="import-progress" data-stage={progress.stage}>
      <label htmlFor="import-progress-bar">{sv.listImport.progressLabel}</label>
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
