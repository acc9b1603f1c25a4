import type { SchemaMigration } from './types.js';
import { initial } from './0001-initial.js';
import { specLint } from './0002-spec-lint.js';
import { search } from './0003-search.js';
import { reviewWorkflow } from './0004-review-workflow.js';
import { commentsNotifications } from './0005-comments-notifications.js';
import { eventOutbox } from './0006-event-outbox.js';
import { collab } from './0010-collab.js';
import { webhooks } from './0008-webhooks.js';

/**
 * Every migration, in order. Names sort lexically and must never change once released.
 */
export const MIGRATIONS: Readonly<Record<string, SchemaMigration>> = {
  '0001-initial': initial,
  '0002-spec-lint': specLint,
  '0003-search': search,
  '0004-review-workflow': reviewWorkflow,
  '0005-comments-notifications': commentsNotifications,
  '0006-event-outbox': eventOutbox,
  '0010-collab': collab,
  '0008-webhooks': webhooks,
};
