import { allow, type InWorkspace } from './rules.js';

export type SpecResource = InWorkspace;

// Soft deletion is reversible, so editors may delete; bringing a spec back is an admin's call.
export const specPolicy = {
  read: allow<SpecResource>('viewer', 'read'),
  create: allow<SpecResource>('editor', 'write'),
  write: allow<SpecResource>('editor', 'write'),
  delete: allow<SpecResource>('editor', 'write'),
  listDeleted: allow<SpecResource>('admin', 'read'),
  restore: allow<SpecResource>('admin', 'write'),
};
