import { authorize, workspacePolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { specKey } from '../specs/refs.js';
import { workspaceAccess } from '../workspace-access.js';
import { overdueReviewers } from './overdue.js';

/** One reviewer past their due date without a verdict on the version in review. */
export interface OverdueReview {
  readonly key: string;
  readonly number: number;
  readonly title: string;
  readonly version: number;
  readonly reviewer: { readonly id: string; readonly name: string };
  readonly role: string;
  readonly dueAt: string;
  readonly overdueMs: number;
}

const MAX_OVERDUE = 200;

/** The workspace's overdue reviews, most overdue first (the same definition as list flags and reminders). */
export async function listOverdueReviews(ctx: ActorCtx, workspaceRef: string): Promise<{ items: OverdueReview[] }> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, workspacePolicy.read, access);
  const now = ctx.deps.clock.now();
  const rows = await overdueReviewers(ctx.deps.db, now.toISOString())
    .innerJoin('specs', 'specs.id', 'specReviewers.specId')
    .innerJoin('users', 'users.id', 'specReviewers.userId')
    .select(['specs.number', 'specs.title', 'specVersions.number as version', 'users.id as userId', 'users.name as userName', 'specReviewers.role', 'specReviewers.dueAt', 'specReviewers.id'])
    .where('specs.workspaceId', '=', access.workspace.id)
    .where('specs.deletedAt', 'is', null)
    .orderBy('specReviewers.dueAt')
    .orderBy('specReviewers.id')
    .limit(MAX_OVERDUE)
    .execute();
  return {
    items: rows.map((r) => {
      const dueAt = r.dueAt ?? now.toISOString();
      return {
        key: specKey(access.workspace.key, r.number),
        number: r.number,
        title: r.title,
        version: r.version,
        reviewer: { id: r.userId, name: r.userName },
        role: r.role,
        dueAt,
        overdueMs: now.getTime() - Date.parse(dueAt),
      };
    }),
  };
}
