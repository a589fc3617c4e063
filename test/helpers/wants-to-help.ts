import { expect } from 'vitest';
import type { CampaignServer } from './campaign-server.ts';
import { assignmentOf } from './campaign-server.ts';
import { api } from './http.ts';
import { ADMIN_TOKEN } from './server.ts';
import type { StationClient } from './station-client.ts';

/** The key of the "Vill du hjälpa till?" question these helpers put on a list. */
export const WANTS_TO_HELP_KEY = 'hjalpa';

/** Puts "Vill du hjälpa till?" on a list, as its association does on its page. */
export async function askWantsToHelp(url: string, listId: number): Promise<void> {
  const questions = [{ key: WANTS_TO_HELP_KEY, kind: 'wants_to_help', text: { sv: 'Vill du hjälpa till?' } }];
  expect((await api(url, 'PUT', `/api/lists/${listId}/questions`, ADMIN_TOKEN, { questions })).status).toBe(200);
}

/**
 * A real conversation at `station` (fixed to `listId` first) in which the person says yes to
 * helping: the outcome writes them on the association's list of new helpers. Returns the contact.
 */
export async function conversationWantingToHelp(server: CampaignServer, station: StationClient, stationNumber: number, listId: number): Promise<number> {
  expect((await api(server.url, 'PUT', `/api/stations/${stationNumber}/list`, ADMIN_TOKEN, { listId })).status).toBe(200);
  const offered = assignmentOf(await station.emitWithAck('contact:next'));
  const result = await station.emitWithAck('call:outcome', { assignmentId: offered.id, outcome: 'conversation', answers: { [WANTS_TO_HELP_KEY]: 'yes' } });
  if (!result.ok) throw new Error(result.error.message);
  return offered.contact.id;
}
