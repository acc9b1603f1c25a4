import { commentPolicy } from '../../policies/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { newId } from '../secrets.js';
import { threadView } from './list.js';
import { loadThread, type ThreadLocator } from './load.js';
import { notifyMentions } from './mentions.js';
import type { ThreadView } from './views.js';
import { recordEvent, specEvent } from '../../events/write.js';

/** Adds a reply to a thread (resolved ones too); members it @mentions are notified. */
export async function replyToThread(ctx: ActorCtx, locator: ThreadLocator, body: string): Promise<ThreadView> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.create);
  const commentId = newId();
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('comments').values({ id: commentId, threadId: thread.id, authorId: ctx.actor.userId, body, createdAt: now, editedAt: null, deletedAt: null }).execute();
    await trx.updateTable('commentThreads').set({ updatedAt: now }).where('id', '=', thread.id).execute();
    await notifyMentions(trx, { workspaceId: thread.workspaceId, specId: thread.specId, threadId: thread.id, commentId, actorId: ctx.actor.userId, body, at: now });
    await recordEvent(trx, specEvent(ctx, { id: thread.specId, workspaceId: thread.workspaceId }, 'comment.created', { threadId: thread.id, commentId, reply: true }));
  });
  return threadView(ctx, loaded.spec, thread.id);
}
