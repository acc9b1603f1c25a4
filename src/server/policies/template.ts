import { allow, type InWorkspace } from './rules.js';

export type TemplateResource = InWorkspace;

export const templatePolicy = {
  read: allow<TemplateResource>('viewer', 'read'),
  create: allow<TemplateResource>('admin', 'admin'),
  update: allow<TemplateResource>('admin', 'admin'),
  delete: allow<TemplateResource>('admin', 'admin'),
};
