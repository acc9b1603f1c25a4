import { allow, type InWorkspace } from './rules.js';

export type WorkspaceResource = InWorkspace;

export const workspacePolicy = {
  read: allow<WorkspaceResource>('viewer', 'read'),
  update: allow<WorkspaceResource>('admin', 'admin'),
  delete: allow<WorkspaceResource>('owner', 'admin'),
  readAudit: allow<WorkspaceResource>('admin', 'read'),
};
