import type { Role } from '../db/index.js';
import { allow, type InWorkspace } from './rules.js';

/** A membership seen by an actor: `role` is the actor's, `target` the member's current role, `next` the new one. */
export interface MembershipResource extends InWorkspace {
  readonly target: Role | null;
  readonly next: Role | null;
}

// Only owners hand out, change or take away the owner role.
const ownersOnlyForOwners = (_: unknown, m: MembershipResource): boolean =>
  m.role === 'owner' || (m.target !== 'owner' && m.next !== 'owner');

export const membershipPolicy = {
  list: allow<MembershipResource>('viewer', 'read'),
  add: allow<MembershipResource>('admin', 'admin', ownersOnlyForOwners),
  changeRole: allow<MembershipResource>('admin', 'admin', ownersOnlyForOwners),
  remove: allow<MembershipResource>('admin', 'admin', ownersOnlyForOwners),
};
