import type { ContactCard } from '@ringstuga/shared';
import { useState } from 'react';
import { usePush } from '../connection/use-push.ts';
import type { StationSocket } from './station-socket.ts';

export interface ScriptText {
  script: string | null;
  instructions: string | null;
  /** The script's language (null: the list's default). */
  language: string | null;
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
export function useListScript(socket: StationSocket, list: List, preferredLanguage: string | null): ScriptText {
  const fromCard = (): ScriptText => ({ script: list.script, instructions: list.instructions, language: list.scriptLanguage, updated: false });
  const [text, setText] = useState<ScriptText>(fromCard);
  const [seen, setSeen] = useState(list);
  if (!sameText(seen, list)) {
    setSeen(list);
    setText(fromCard());
  }

  usePush(socket, 'list:script', ({ listId, language, fallbackFor, script, instructions }) => {
    if (listId !== list.id) return;
    // The script on screen was edited or removed (then the default stands in), or one in the
    // person's own language was just written.
    const applies = (shown: ScriptText) =>
      language === shown.language || (fallbackFor !== undefined && fallbackFor === shown.language) || (language !== null && language === preferredLanguage);
    setText((shown) => (applies(shown) ? { script, instructions, language, updated: true } : shown));
  });

  return text;
}
