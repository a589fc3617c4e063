import { zListScript, type ContactCard, type ListScript } from '@ringstuga/shared';
import { useEffect, useState } from 'react';
import type { StationSocket } from './station-socket.ts';

export interface ScriptText {
  script: string | null;
  instructions: string | null;
  /** A leader changed it while this contact was on screen. */
  updated: boolean;
}

type List = ContactCard['list'];

function sameText(a: List, b: List): boolean {
  return a.id === b.id && a.scriptLanguage === b.scriptLanguage && a.script === b.script && a.instructions === b.instructions;
}

/**
 * The calling script for the contact on screen: what came with the contact, replaced at once
 * when a leader edits that list. Pushes and answers arrive in order on one socket, so whichever
 * came last is the newest: a refetched card (after a reconnect) wins over an earlier push.
 */
export function useListScript(socket: StationSocket, list: List): ScriptText {
  const [text, setText] = useState<ScriptText>({ script: list.script, instructions: list.instructions, updated: false });
  const [seen, setSeen] = useState(list);
  if (!sameText(seen, list)) {
    setSeen(list);
    setText({ script: list.script, instructions: list.instructions, updated: false });
  }

  useEffect(() => {
    const handleScript = (message: ListScript) => {
      const parsed = zListScript.safeParse(message);
      // Only the edit of the script on screen: the list's default, or the translation shown.
      if (!parsed.success || parsed.data.listId !== list.id || parsed.data.language !== list.scriptLanguage) return;
      setText({ script: parsed.data.script, instructions: parsed.data.instructions, updated: true });
    };
    socket.on('list:script', handleScript);
    return () => {
      socket.off('list:script', handleScript);
    };
  }, [socket, list.id, list.scriptLanguage]);

  return text;
}
