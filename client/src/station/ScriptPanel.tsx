import type { ContactCard } from '@ringstuga/shared';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
import type { StationSocket } from './station-socket.ts';
import { useListScript } from './use-list-script.ts';

interface ScriptPanelProps {
  socket: StationSocket;
  list: ContactCard['list'];
}

/** What to say on this list's calls, kept current while the contact is on screen. */
export function ScriptPanel({ socket, list }: ScriptPanelProps) {
  const { script, instructions, updated } = useListScript(socket, list);
  if (!script && !instructions) return null;
  return (
    <section className="panel script" aria-labelledby="script-heading" data-testid="script-panel">
      <h2 id="script-heading">{sv.script.heading}</h2>
      <p className="muted">{interpolate(sv.script.list, { name: list.name })}</p>
      <p className="notice" aria-live="polite">
        {updated ? sv.script.updated : ''}
      </p>
      {instructions && (
        <>
          <h3>{sv.script.instructions}</h3>
          <p className="script-text" data-testid="script-instructions">{instructions}</p>
        </>
      )}
      {script && (
        <>
          <h3>{sv.script.script}</h3>
          <p className="script-text" data-testid="script-text">{script}</p>
        </>
      )}
    </section>
  );
}
