import type { FastifyInstance } from 'fastify';
import type { ApiInstance } from './api-instance.js';
import { API_PREFIX } from './route-table.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { collabRoutes } from './routes/collab.js';
import { commentRoutes } from './routes/comments.js';
import { eventRoutes } from './routes/events.js';
import { inviteRoutes } from './routes/invites.js';
import { meRoutes } from './routes/me.js';
import { memberRoutes } from './routes/members.js';
import { notificationRoutes } from './routes/notifications.js';
import { reviewPolicyRoutes } from './routes/review-policy.js';
import { reviewRoutes } from './routes/reviews.js';
import { searchRoutes } from './routes/search.js';
import { setupRoutes } from './routes/setup.js';
import { specContentRoutes } from './routes/spec-content.js';
import { specRevisionRoutes } from './routes/spec-revisions.js';
import { specRoutes } from './routes/specs.js';
import { templateRoutes } from './routes/templates.js';
import { tokenRoutes } from './routes/tokens.js';
import { webhookRoutes } from './routes/webhooks.js';
import { workspaceRoutes } from './routes/workspaces.js';

/** Every REST route module, mounted under /api/v1. Add new modules here. */
const ROUTE_MODULES: readonly ((app: ApiInstance) => void)[] = [
  setupRoutes,
  authRoutes,
  meRoutes,
  tokenRoutes,
  workspaceRoutes,
  auditRoutes,
  memberRoutes,
  inviteRoutes,
  templateRoutes,
  searchRoutes,
  specRoutes,
  specContentRoutes,
  specRevisionRoutes,
  reviewRoutes,
  reviewPolicyRoutes,
  notificationRoutes,
  commentRoutes,
  eventRoutes,
  collabRoutes,
  webhookRoutes,
];

export async function registerApi(app: FastifyInstance): Promise<void> {
  await app.register(
    (api, _options, done) => {
      const typed: ApiInstance = api.withTypeProvider();
      for (const routes of ROUTE_MODULES) routes(typed);
      done();
    },
    { prefix: API_PREFIX },
  );
}
