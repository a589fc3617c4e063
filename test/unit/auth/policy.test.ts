import { describe, expect, it } from 'vitest';
import type { Access } from '../../../server/src/features/auth/access.ts';
import { can, leaderLinkOf, type Action } from '../../../server/src/features/auth/policy.ts';

// The role matrix of what a caller may do to a particular room, station or list: every rule with
// every kind of caller, on its own thing and on another's. (test/integration/auth/roles.test.ts walks
// the routes; this walks the rules they ask.)

const callers: Record<string, Access> = {
  admin: { role: 'admin' },
  leader: { role: 'leader', roomId: 1, linkId: 7 },
  screen: { role: 'screen', roomId: 1, linkId: 8 },
  association: { role: 'association', associationId: 3, linkId: 9 },
};

const OWN_ROOM = { roomId: 1 };
const OTHER_ROOM = { roomId: 2 };
const OWN_LIST = { associationId: 3 };
const OTHER_LIST = { associationId: 4 };

type Case = [Action, string, object, boolean];
const matrix: Case[] = [
  ['seeRoom', 'own room', OWN_ROOM, true],
  ['seeRoom', 'another room', OTHER_ROOM, false],
  ['steerRoom', 'own room', OWN_ROOM, true],
  ['steerRoom', 'another room', OTHER_ROOM, false],
  ['renewStationLink', 'a remote station of its room', { ...OWN_ROOM, remote: true }, true],
  ['renewStationLink', 'an ordinary station of its room', { ...OWN_ROOM, remote: false }, false],
  ['renewStationLink', 'a remote station of another room', { ...OTHER_ROOM, remote: true }, false],
  ['openList', 'its own list', OWN_LIST, true],
  ['openList', "another association's list", OTHER_LIST, false],
  ['makeListFor', 'itself', OWN_LIST, true],
  ['makeListFor', 'another association', OTHER_LIST, false],
  ['actForAssociation', 'itself', OWN_LIST, true],
  ['actForAssociation', 'another association', OTHER_LIST, false],
  ['handleSignupLink', "its room's link", OWN_ROOM, true],
  ['handleSignupLink', "another room's link", OTHER_ROOM, false],
  ['handleSignupLink', "every room's link", { roomId: null }, false],
  // "own" here: a campaign every role may read, an active one.
  ['seeCampaign', 'an active campaign', { status: 'active' }, true],
  ['seeCampaign', 'an archived campaign', { status: 'archived' }, false],
];

/** Who may, for each case; `true` in the matrix means "the one it belongs to". */
const allowed: Record<Action, (caller: string, own: boolean) => boolean> = {
  seeRoom: (caller, own) => caller === 'admin' || ((caller === 'leader' || caller === 'screen') && own),
  steerRoom: (caller, own) => caller === 'admin' || (caller === 'leader' && own),
  renewStationLink: (caller, own) => caller === 'admin' || (caller === 'leader' && own),
  openList: (caller, own) => caller === 'admin' || (caller === 'association' && own),
  makeListFor: (caller, own) => caller === 'admin' || (caller === 'association' && own),
  actForAssociation: (caller, own) => caller === 'admin' || (caller === 'association' && own),
  handleSignupLink: (caller, own) => caller === 'admin' || (caller === 'leader' && own),
  seeCampaign: (caller, own) => caller === 'admin' || own,
};

describe('who may do what to which thing', () => {
  for (const [name, access] of Object.entries(callers)) {
    it.each(matrix)(`${name}: %s on %s`, (action, _what, target, own) => {
      expect(can(access, action, target as never)).toBe(allowed[action](name, own));
    });
  }

  it('records the leader link that acts, and none for the admin', () => {
    expect(leaderLinkOf(callers.leader!)).toBe(7);
    expect(leaderLinkOf(callers.admin!)).toBeNull();
    expect(leaderLinkOf(callers.association!)).toBeNull();
  });
});
