import type { ContactCard } from '@ringstuga/shared';
import { useTranslation } from 'react-i18next';
import type { StationSocket } from './station-socket.ts';
import { languageName } from '../lib/languages.ts';
import { useListScript } from './use-list-script.ts';

interface ScriptPanelProps {
  socket: StationSocket;
  list: ContactCard['list'];
  preferredLanguage: string | null;
}

/** What to say on this list's calls, kept current while the contact is on screen. */
export function ScriptPanel({ socket, list, preferredLanguage }: ScriptPanelProps) {
  const { t } = useTranslation();
  const { script, instructions, language, updated } = useListScript(socket, list, preferredLanguage);
  if (!script && !instructions) return null;
  return (
    <section className="panel script" aria-labelledby="script-heading" data-testid="script-panel">
      <h2 id="script-heading">{t('script.heading')}</h2>
      <p className="muted">{t('script.list', { name: list.name })}</p>
      {language && (
        <p className="muted" data-testid="script-language">
          {t('script.inLanguage', { language: languageName(t, language) })}
        </p>
      )}
      <p className="notice" aria-live="polite">
        {updated ? t('script.updated') : ''}
      </p>
      {instructions && (
        <>
          <h3>{t('script.instructions')}</h3>
          <p className="script-text" data-testid="script-instructions">{instructions}</p>
        </>
      )}
      {script && (
        <>
          <h3>{t('script.script')}</h3>
          <p className="script-text" data-testid="script-text">{script}</p>
        </>
      )}
    </section>
  );
}
