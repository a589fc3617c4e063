import { CALLING_LANGUAGE, SCRIPT_MAX, type ListBreakdown } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { CountedTextarea } from '../lib/CountedTextarea.tsx';
import { BARRIER_LANGUAGES, languageName } from '../lib/languages.ts';
import type { RoomSocket } from './room-socket.ts';

interface ScriptEditorProps {
  socket: RoomSocket;
  list: ListBreakdown;
  onClose: () => void;
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A list's script and instructions. Mounted per list and seeded once: a push while the leader
 * types must not wipe the draft.
 */
export function ScriptEditor({ socket, list, onClose }: ScriptEditorProps) {
  const { t } = useTranslation();
  // '' is the list's default script (the calling language); a code is the script for contacts who prefer it.
  const [language, setLanguage] = useState('');
  const [script, setScript] = useState(list.script ?? '');
  const [instructions, setInstructions] = useState(list.instructions ?? '');
  const [saved, setSaved] = useState(false);
  const command = useCommand(socket);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const input = { listId: list.listId, language: language || null, script: orNull(script), instructions: orNull(instructions) };
    if (await command.run('list:script', input)) setSaved(true);
  };

  const chooseLanguage = (code: string) => {
    const text = code === '' ? list : list.translations.find((translation) => translation.language === code);
    setLanguage(code);
    setScript(text?.script ?? '');
    setInstructions(text?.instructions ?? '');
    setSaved(false);
  };

  const field = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <CountedTextarea
      id={id}
      label={label}
      value={value}
      max={SCRIPT_MAX}
      rows={id === 'script-text' ? 8 : 3}
      count={t('scriptEditor.count', { count: value.length, max: SCRIPT_MAX })}
      onChange={(text) => {
        setSaved(false);
        onChange(text);
      }}
    />
  );

  return (
    <form id="script-editor" className="script-editor" aria-labelledby="script-editor-heading" onSubmit={(event) => void save(event)}>
      <h3 id="script-editor-heading">{t('scriptEditor.heading', { name: list.name })}</h3>
      <div className="field">
        <label htmlFor="script-language">{t('scriptEditor.language')}</label>
        <select id="script-language" value={language} onChange={(event) => chooseLanguage(event.target.value)}>
          <option value="">{t('scriptEditor.defaultLanguage', { language: languageName(t, CALLING_LANGUAGE) })}</option>
          {BARRIER_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {languageName(t, code)}
              {list.translations.some((translation) => translation.language === code) ? ` ✓` : ''}
            </option>
          ))}
        </select>
        <p className="muted">{t('scriptEditor.languageHint')}</p>
      </div>
      {field('script-instructions', t('scriptEditor.instructions'), instructions, setInstructions)}
      {field('script-text', t('scriptEditor.script'), script, setScript)}
      <CommandError error={command.error} />
      <p className="notice" aria-live="polite">
        {saved ? t('scriptEditor.saved') : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="primary" aria-disabled={command.pending}>
          {t('scriptEditor.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('scriptEditor.close')}
        </button>
      </div>
    </form>
  );
}
