import { allow, type InWorkspace } from './rules.js';

// Webhooks send workspace events to outside URLs and hold signing secrets: admins only, and
// tokens need the admin scope, for reading them too.
export const webhookPolicy = {
  manage: allow<InWorkspace>('admin', 'admin'),
};
