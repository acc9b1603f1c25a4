import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { NotFoundError } from '../../errors/index.js';
import { authorizeAny, commentPolicy, type CommentResource, type Rule } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { threadView } from './list.js';
import { commentResource, loadThread, type ThreadLocator } from './load.js';
import { notifyMentions } from './mentions.js';
import type { ThreadView } from './views.js';

export type CommentLocator = ThreadLocator & { readonly comment: string };

async function loadComment(ctx: ActorCtx, locator: CommentLocator, rules: readonly Rule<CommentResource>[], db: Kysely<DB> = ctx.deps.db) {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.read, db);
  const comment = await db.selectFrom('comments').selectAll().where('id', '=', locator.comment).where('threadId', '=', thread.id).where('deletedAt', 'is', null).executeTakeFirst();
  if (comment === undefined) throw new NotFoundError('Comment');
  authorizeAny(ctx.actor, rules, commentResource(loaded, comment.authorId), 'Comment');
  return { loaded, thread, comment };
}

/** Changes the text of one's own comment; members newly @mentioned are notified. */
export async function editComment(ctx: ActorCtx, locator: CommentLocator, body: string): Promise<ThreadView> {
  const { loaded, thread, comment } = await loadComment(ctx, locator, commentPolicy.edit);
  if (comment.body === body) return threadView(ctx, loaded.spec, thread.id);
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('comments').set({ body, editedAt: now }).where('id', '=', comment.id).execute();
    await notifyMentions(trx, { workspaceId: thread.workspaceId, specId: thread.specId, threadId: thread.id, commentId: comment.id, actorId: ctx.actor.userId, body, previousBody: comment.body, at: now });
  });
  return threadView(ctx, loaded.spec, thread.id);
}

/**
 * Deletes a comment (one's own; admins any): its text is erased and it shows as deleted, so the
 * replies around it keep their place. The thread stays.
 */
export async function deleteComment(ctx: ActorCtx, locator: CommentLocator): Promise<void> {
  const { loaded, thread, comment } = await loadComment(ctx, locator, commentPolicy.delete);
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('comments').set({ body: '', deletedAt: now }).where('id', '=', comment.id).execute();
    await recordAudit(trx, ctx, {
      workspaceId: loaded.spec.workspaceId,
      action: 'comment.deleted',
      targetType: 'comment',
      targetId: comment.id,
      before: { threadId: thread.id, specId: thread.specId, authorId: comment.authorId },
    });
  });
}
