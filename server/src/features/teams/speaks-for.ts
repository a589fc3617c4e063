import type { Access } from '../auth/access.ts';

/** Whether the caller acts for the association: the admin for any, an association for itself. */
export function speaksFor(access: Access, associationId: number): boolean {
  return access.role === 'admin' || (access.role === 'association' && access.associationId === associationId);
}
