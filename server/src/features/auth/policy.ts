import type { CampaignStatus } from '@ringstuga/shared';
import type { Access } from './access.ts';

// Who may do what to which thing, in one place. Routes let roles in with `requireRole`; what a
// role may do to a particular room, station or list is asked here, never by comparing roles and
// ids inline. The role matrix (test/unit/auth/policy.test.ts) walks every rule with every kind of caller.

interface Targets {
  /** See a room's board, standings and screen figures. */
  seeRoom: { roomId: number };
  /** Steer a room: fix its stations to lists, make its screen links and remote stations. */
  steerRoom: { roomId: number };
  /** Give a station a new join link (which reaches contacts' numbers). */
  renewStationLink: { roomId: number; remote: boolean };
  /** Open a list: its contacts, progress, imports and exports. */
  openList: { associationId: number };
  /** Make a list owned by an association. */
  makeListFor: { associationId: number };
  /** Act for an association: book its teams, record its pledges, see its people. */
  actForAssociation: { associationId: number };
  /** See or revoke a sign-up link: one room's (roomId) or every room's (null, the admin's alone). */
  handleSignupLink: { roomId: number | null };
  /** See a campaign: every signed-in role reads the active ones (the board's campaign switch); archived ones are the admin's. */
  seeCampaign: { status: CampaignStatus };
}

export type Action = keyof Targets;

const RULES: { [A in Action]: (access: Access, target: Targets[A]) => boolean } = {
  seeRoom: (access, room) => access.role === 'admin' || ((access.role === 'leader' || access.role === 'screen') && access.roomId === room.roomId),
  steerRoom: (access, room) => access.role === 'admin' || (access.role === 'leader' && access.roomId === room.roomId),
  // An ordinary station's link is the admin's alone: a revoked leader must not keep one.
  renewStationLink: (access, station) =>
    access.role === 'admin' || (access.role === 'leader' && station.remote && access.roomId === station.roomId),
  openList: (access, list) => access.role === 'admin' || (access.role === 'association' && access.associationId === list.associationId),
  makeListFor: (access, owner) => access.role === 'admin' || (access.role === 'association' && access.associationId === owner.associationId),
  actForAssociation: (access, owner) => access.role === 'admin' || (access.role === 'association' && access.associationId === owner.associationId),
  handleSignupLink: (access, link) => access.role === 'admin' || (link.roomId !== null && access.role === 'leader' && access.roomId === link.roomId),
  seeCampaign: (access, campaign) => access.role === 'admin' || campaign.status === 'active',
};

export function can<A extends Action>(access: Access, action: A, target: Targets[A]): boolean {
  return RULES[action](access, target);
}

/** The leader link acting, to record what it made or renewed (revoking it undoes those); null for the admin. */
export function leaderLinkOf(access: Access): number | null {
  return access.role === 'leader' ? access.linkId : null;
}
