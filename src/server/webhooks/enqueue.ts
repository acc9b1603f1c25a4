import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { ENQUEUED_THROUGH_KEY } from '../db/migrations/0008-webhooks.js';
import { latestEventId, readEvents } from '../events/outbox.js';
import { newId } from '../services/secrets.js';
import { webhookWants } from './events.js';

const PAGE = 200;

/** The body sent for an event (fixed when queued). */
export function deliveryPayload(webhookId: string, event: unknown): string {
  return JSON.stringify({ webhookId, event });
}

/**
 * Turns committed outbox events after the shared cursor into delivery rows, one page per call;
 * returns how many deliveries it queued, or null when there was nothing to do (or another node
 * took this page). Exactly once across nodes: the cursor moves by compare-and-set in the same
 * transaction as the inserts, so of two nodes reading the same page only one commits it (on
 * PostgreSQL the loser's UPDATE waits for the winner's row lock, then matches nothing).
 */
export async function enqueuePage(db: Kysely<DB>, now: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('instanceSettings').select('value').where('key', '=', ENQUEUED_THROUGH_KEY).executeTakeFirst();
    if (row === undefined) return null;
    const from = Number(row.value);
    // Outbox ids become visible only in order (docs/events.md), so nothing can appear below it later.
    const latest = await latestEventId(trx);
    if (latest <= from) return null;
    const events = await readEvents(trx, from, latest, PAGE);
    const through = events.length === PAGE ? (events[events.length - 1]?.envelope.id ?? latest) : latest;
    const moved = await trx
      .updateTable('instanceSettings')
      .set({ value: String(through) })
      .where('key', '=', ENQUEUED_THROUGH_KEY)
      .where('value', '=', row.value)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n) return null;
    const workspaceIds = [...new Set(events.map((e) => e.envelope.workspaceId).filter((id) => id !== null))];
    if (workspaceIds.length === 0) return 0;
    const hooks = await trx
      .selectFrom('webhooks')
      .select(['id', 'workspaceId', 'eventsJson', 'afterEventId'])
      .where('workspaceId', 'in', workspaceIds)
      .where('disabledAt', 'is', null)
      .execute();
    const rows = [];
    for (const { envelope, userId } of events) {
      if (userId !== null) continue;
      for (const hook of hooks) {
        if (hook.workspaceId !== envelope.workspaceId || envelope.id <= Number(hook.afterEventId)) continue;
        if (!webhookWants(JSON.parse(hook.eventsJson) as string[], envelope.type)) continue;
        rows.push({
          id: newId(),
          webhookId: hook.id,
          workspaceId: hook.workspaceId,
          eventId: envelope.id,
          eventType: envelope.type,
          payload: deliveryPayload(hook.id, envelope),
          status: 'pending' as const,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 100) await trx.insertInto('webhookDeliveries').values(rows.slice(i, i + 100)).execute();
    return rows.length;
  });
}
