import type { z } from 'zod';
import type { zLinkSummary } from '@ringstuga/shared';

/** What lists of links (leader, screen, association, sign-up) show of each: never its token. */
export const linkSummary = (link: { id: number; label: string | null; createdAt: number; revokedAt: number | null }): z.infer<typeof zLinkSummary> => ({
  id: link.id,
  label: link.label,
  createdAt: new Date(link.createdAt).toISOString(),
  revoked: link.revokedAt !== null,
});
