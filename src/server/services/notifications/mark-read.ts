import { NotFoundError } from '../../errors/index.js';
import { nowIso, type ActorCtx } from '../context.js';

/**
 * Marks one of the caller's notifications read (or unread again). Someone else's notification is
 * not_found, as if it did not exist. Marking twice keeps the first read time.
 */
export async function markNotification(ctx: ActorCtx, id: string, read: boolean): Promise<void> {
  const { db } = ctx.deps;
  const row = await db.selectFrom('notifications').select(['id', 'readAt']).where('id', '=', id).where('userId', '=', ctx.actor.userId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Notification');
  if (read === (row.readAt !== null)) return;
  await db
    .updateTable('notifications')
    .set({ readAt: read ? nowIso(ctx.deps) : null })
    .where('id', '=', id)
    .where('userId', '=', ctx.actor.userId)
    .execute();
}

/** Marks all of the caller's unread notifications read; returns how many changed. */
export async function markAllNotificationsRead(ctx: ActorCtx): Promise<number> {
  const result = await ctx.deps.db
    .updateTable('notifications')
    .set({ readAt: nowIso(ctx.deps) })
    .where('userId', '=', ctx.actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
