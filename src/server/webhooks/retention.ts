// Delivery log retention (docs/webhooks.md): finished deliveries (succeeded, or failed after the
// last try) are deleted once older than WEBHOOKS_DELIVERY_RETENTION_DAYS, with their tries.
// Pending deliveries, retrying or not, are never touched: they are the queue.
import type { Kysely } from 'kysely';
import type { DB, DialectName } from '../db/index.js';

/** Rows deleted per transaction: bounded, so a large backlog never holds locks for long. */
export const PRUNE_BATCH = 500;
/** Batches per pass; what is left waits for the next pass. */
export const PRUNE_MAX_BATCHES = 40;

const FINISHED = ['succeeded', 'failed'] as const;

/** The cutoff for a retention of `days` at `now`; null when retention is off (0 days). */
export function retentionCutoff(now: Date, days: number): string | null {
  return days <= 0 ? null : new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * Deletes up to `limit` deliveries that finished before `before`; returns how many it deleted.
 * Safe on several nodes at once: on PostgreSQL the candidates are locked with SKIP LOCKED, so two
 * nodes take disjoint batches and never wait on (or deadlock with) each other or a webhook being
 * deleted; SQLite has one writer at a time. Deleting rows another node already deleted is no error.
 */
export async function pruneDeliveryBatch(db: Kysely<DB>, dialect: DialectName, before: string, limit: number = PRUNE_BATCH): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('status', 'in', FINISHED)
      // A finished delivery's next_attempt_at is when it finished (the worker sets it to that
      // moment), so the (status, next_attempt_at) index finds old ones; updated_at says the same.
      .where('nextAttemptAt', '<', before)
      .where('updatedAt', '<', before)
      .orderBy('nextAttemptAt')
      .limit(limit)
      .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    if (rows.length === 0) return 0;
    // Tries go with their delivery (ON DELETE CASCADE; SQLite runs with foreign_keys on).
    const deleted = await trx
      .deleteFrom('webhookDeliveries')
      .where('id', 'in', rows.map((r) => r.id))
      .where('status', 'in', FINISHED)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  });
}

export interface PruneOptions {
  readonly batch?: number;
  readonly maxBatches?: number;
  /** Checked between batches (a node shutting down stops early). */
  readonly stopped?: () => boolean;
}

/** Deletes deliveries finished before `before`, batch by batch; returns how many it deleted. */
export async function pruneDeliveries(db: Kysely<DB>, dialect: DialectName, before: string, options: PruneOptions = {}): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  const maxBatches = options.maxBatches ?? PRUNE_MAX_BATCHES;
  let total = 0;
  for (let i = 0; i < maxBatches && options.stopped?.() !== true; i++) {
    const deleted = await pruneDeliveryBatch(db, dialect, before, batch);
    total += deleted;
    // Short batch: nothing old is left (or other nodes hold the rest, and will delete it).
    if (deleted < batch) break;
  }
  return total;
}
