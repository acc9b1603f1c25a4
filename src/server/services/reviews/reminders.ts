import type { ServiceDeps } from '../context.js';
import { notify } from '../notifications/index.js';
import { overdueReviewers } from './overdue.js';

/**
 * Sends one reminder notification per overdue review: a reviewer of a version in review, past
 * the due date, without a live verdict on it, not reminded since the due date was set. Safe to
 * run any time (the server runs it on a timer; tests call it after moving the clock). Returns
 * how many reminders went out.
 */
export async function sendOverdueReminders(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now().toISOString();
  const due = await overdueReviewers(deps.db, now)
    .innerJoin('specs', 'specs.id', 'specReviewers.specId')
    .select(['specReviewers.id', 'specReviewers.userId', 'specReviewers.dueAt', 'specReviewers.specId', 'specs.workspaceId', 'specVersions.number'])
    .where('specs.deletedAt', 'is', null)
    .where('specReviewers.remindedAt', 'is', null)
    .execute();
  let sent = 0;
  for (const row of due) {
    await deps.db.transaction().execute(async (trx) => {
      // Claim the reminder first: with several servers only one sends it.
      const claimed = await trx.updateTable('specReviewers').set({ remindedAt: now }).where('id', '=', row.id).where('remindedAt', 'is', null).executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      sent += (await notify(trx, { workspaceId: row.workspaceId, userIds: [row.userId], kind: 'reminder', specId: row.specId, actorId: null, details: { version: row.number, dueAt: row.dueAt }, at: now })).length;
    });
  }
  return sent;
}

/** Runs sendOverdueReminders every `intervalMs` until the returned stop function is called. */
export function startReminderTimer(deps: ServiceDeps, intervalMs: number, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => {
    sendOverdueReminders(deps).catch(onError);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
