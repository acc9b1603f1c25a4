import type { Role } from '../db/index.js';
import { allow, type InWorkspace } from './rules.js';

export interface InviteResource extends InWorkspace {
  /** Role the invite grants. */
  readonly grants: Role | null;
}

export const invitePolicy = {
  list: allow<InviteResource>('admin', 'admin'),
  create: allow<InviteResource>('admin', 'admin', (_, i) => i.role === 'owner' || i.grants !== 'owner'),
  revoke: allow<InviteResource>('admin', 'admin'),
};
