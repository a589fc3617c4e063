import type { CallListSummary } from '@ringstuga/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setNotesEnabled } from './lists-api.ts';

type Save = { kind: 'idle' } | { kind: 'saving'; value: boolean } | { kind: 'saved'; value: boolean } | { kind: 'failed'; message: string };

interface SettingsPanelProps {
  token: string;
  list: CallListSummary;
  onSaved: (list: CallListSummary) => void;
}

/** Whether the stations may write notes on this list's calls. */
export function SettingsPanel({ token, list, onSaved }: SettingsPanelProps) {
  const { t } = useTranslation();
  const [save, setSave] = useState<Save>({ kind: 'idle' });
  const checked = save.kind === 'saving' ? save.value : list.notesEnabled;

  const change = async (value: boolean) => {
    if (save.kind === 'saving') return;
    setSave({ kind: 'saving', value });
    const result = await setNotesEnabled(token, list, value);
    if (!result.ok) {
      setSave({ kind: 'failed', message: result.message });
      return;
    }
    onSaved(result.data);
    setSave({ kind: 'saved', value });
  };

  return (
    <section className="panel list-settings" aria-labelledby="list-settings-heading" data-testid="list-settings">
      <h3 id="list-settings-heading">{t('listSettings.heading')}</h3>
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          aria-describedby="notes-hint"
          aria-busy={save.kind === 'saving'}
          onChange={(event) => void change(event.target.checked)}
        />
        {t('listSettings.notes')}
      </label>
      <p id="notes-hint" className="muted field-hint">
        {t('listSettings.notesHint')}
      </p>
      <p className="notice" aria-live="polite">
        {save.kind === 'saving' ? t('listSettings.saving') : ''}
        {save.kind === 'saved' ? (save.value ? t('listSettings.savedOn') : t('listSettings.savedOff')) : ''}
      </p>
      {save.kind === 'failed' && (
        <p className="command-error" role="alert">
          {t('listSettings.failed')}
          <span className="alert-detail"> {save.message}</span>
        </p>
      )}
    </section>
  );
}
