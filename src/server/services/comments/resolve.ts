import { commentPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { threadView } from './list.js';
import { loadThread, type ThreadLocator } from './load.js';
import type { ThreadView } from './views.js';
import { recordEvent, specEvent } from '../../events/write.js';

/**
 * Resolves (or reopens) a thread: its author, the spec's author or an editor. Doing it twice
 * changes nothing and records nothing.
 */
export async function setThreadResolved(ctx: ActorCtx, locator: ThreadLocator, resolved: boolean): Promise<ThreadView> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.resolve);
  if (resolved !== (thread.resolvedAt !== null)) {
    const now = nowIso(ctx.deps);
    await ctx.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('commentThreads')
        .set(resolved ? { resolvedAt: now, resolvedBy: ctx.actor.userId, updatedAt: now } : { resolvedAt: null, resolvedBy: null, updatedAt: now })
        .where('id', '=', thread.id)
        .execute();
      await recordAudit(trx, ctx, {
        workspaceId: thread.workspaceId,
        action: resolved ? 'comment_thread.resolved' : 'comment_thread.reopened',
        targetType: 'comment_thread',
        targetId: thread.id,
        after: { specId: thread.specId, blocking: thread.blockingAt !== null },
      });
      await recordEvent(trx, specEvent(ctx, { id: thread.specId, workspaceId: thread.workspaceId }, 'comment.resolved', { threadId: thread.id, resolved }));
    });
  }
  return threadView(ctx, loaded.spec, thread.id);
}

/** Marks a thread blocking (approval waits until it is resolved) or not: its author or an editor. */
export async function setThreadBlocking(ctx: ActorCtx, locator: ThreadLocator, blocking: boolean): Promise<ThreadView> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.setBlocking);
  if (blocking !== (thread.blockingAt !== null)) {
    const now = nowIso(ctx.deps);
    await ctx.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('commentThreads').set({ blockingAt: blocking ? now : null, updatedAt: now }).where('id', '=', thread.id).execute();
      await recordAudit(trx, ctx, {
        workspaceId: thread.workspaceId,
        action: blocking ? 'comment_thread.blocking_set' : 'comment_thread.blocking_cleared',
        targetType: 'comment_thread',
        targetId: thread.id,
        after: { specId: thread.specId },
      });
    });
  }
  return threadView(ctx, loaded.spec, thread.id);
}
