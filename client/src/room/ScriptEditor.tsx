import { SCRIPT_MAX, zOkResult, type ListBreakdown } from '@ringstuga/shared';
import { useState, type FormEvent } from 'react';
import { CommandError } from '../connection/CommandError.tsx';
import { useCommand } from '../connection/use-command.ts';
import { interpolate } from '../i18n/interpolate.ts';
import { sv } from '../i18n/sv.ts';
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
  const [script, setScript] = useState(list.script ?? '');
  const [instructions, setInstructions] = useState(list.instructions ?? '');
  const [saved, setSaved] = useState(false);
  const command = useCommand(socket);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const input = { listId: list.listId, script: orNull(script), instructions: orNull(instructions) };
    if (await command.run(zOkResult, () => socket.emitWithAck('list:script', input))) setSaved(true);
  };

  const field = (id: string, label: string, value: string, onChange: (value: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={id === 'script-text' ? 8 : 3}
        maxLength={SCRIPT_MAX}
        value={value}
        aria-describedby={`${id}-count`}
        onChange={(event) => {
          setSaved(false);
          onChange(event.target.value);
        }}
      />
      <p id={`${id}-count`} className="muted note-count">
        {interpolate(sv.scriptEditor.count, { count: value.length, max: SCRIPT_MAX })}
      </p>
    </div>
  );

  return (
    <form id="script-editor" className="script-editor" aria-labelledby="script-editor-heading" onSubmit={(event) => void save(event)}>
      <h3 id="script-editor-heading">{interpolate(sv.scriptEditor.heading, { name: list.name })}</h3>
      {field('script-instructions', sv.scriptEditor.instructions, instructions, setInstructions)}
      {field('script-text', sv.scriptEditor.script, script, setScript)}
      <CommandError error={command.error} />
      <p className="notice" aria-live="polite">
        {saved ? sv.scriptEditor.saved : ''}
      </p>
      <div className="button-row">
        <button type="submit" className="primary" aria-disabled={command.pending}>
          {sv.scriptEditor.save}
        </button>
        <button type="button" onClick={onClose}>
          {sv.scriptEditor.close}
        </button>
      </div>
    </form>
  );
}
