import type { Tx } from '../../db/store/store.ts';
import type { HttpErrorCode } from '../../http-errors.ts';
import type { Access } from '../auth/access.ts';
import { can } from '../auth/policy.ts';
import type { ListRow, ListsRepo } from './lists.repo.ts';

// Who may see and make which list. An association reaches its own lists only; another
// association's list answers exactly like an id that does not exist, so ids reveal nothing.

/** What another association's list and a list that does not exist both answer (404). */
export const NO_SUCH_LIST = 'No such list';

/** The list if `access` may see it (the admin: every list; an association: its own), else undefined. */
export async function visibleList(q: Tx, lists: ListsRepo, access: Access, id: number): Promise<ListRow | undefined> {
  const list = await lists.find(q, id);
  return list && can(access, 'openList', list) ? list : undefined;
}

export type ListOwner = { ok: true; associationId: number } | { ok: false; code: HttpErrorCode; message: string };

/** Whose a new list is: the association the admin names, or the calling association itself. */
export async function ownerOfNewList(q: Tx, lists: ListsRepo, access: Access, asked: number | undefined): Promise<ListOwner> {
  // An association's own unless it names another; the admin must name one.
  const associationId = asked ?? (access.role === 'association' ? access.associationId : undefined);
  if (associationId === undefined) {
    return { ok: false, code: 'invalid_request', message: 'associationId is required' };
  }
  if (!can(access, 'makeListFor', { associationId })) {
    return { ok: false, code: 'forbidden', message: 'An association makes lists for itself only' };
  }
  if (!(await lists.associationExists(q, associationId))) {
    return { ok: false, code: 'not_found', message: 'No such association' };
  }
  return { ok: true, associationId };
}
