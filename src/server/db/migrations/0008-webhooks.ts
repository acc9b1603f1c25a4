import { sql } from 'kysely';
import type { SchemaMigration } from './types.js';

// Webhooks (docs/webhooks.md): per-workspace subscriptions, and a durable delivery queue fed from
// the event outbox. `instance_settings['webhooks.enqueued_through']` is the outbox id up to which
// deliveries have been created; nodes advance it with a compare-and-set, so each event becomes
// deliveries exactly once across the cluster. It starts at the newest event: no backfill.
export const ENQUEUED_THROUGH_KEY = 'webhooks.enqueued_through';

export const webhooks: SchemaMigration = {
  async up(db, dialect) {
    const eventId = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('url', 'text', (c) => c.notNull())
      // JSON array of event types, or ["*"] for every workspace event.
      .addColumn('events_json', 'text', (c) => c.notNull())
      // Kept in clear: signing needs it (like a password we must present, not one we check).
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // Only events after this one are delivered (none from before the webhook existed).
      .addColumn('after_event_id', eventId, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema.createIndex('webhooks_workspace').on('webhooks').columns(['workspace_id', 'id']).execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('event_id', eventId, (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      // The JSON body, fixed when queued: every attempt and redelivery sends the same bytes.
      .addColumn('payload', 'text', (c) => c.notNull())
      // pending | succeeded | failed (gave up after the last try)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      // A node working on it, until when (a crashed node's claim expires and another takes over).
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_until', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('response_excerpt', 'text')
      .addColumn('redelivery_of', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .execute();
    // One original delivery per webhook and event, whatever nodes race to enqueue it.
    await db.schema
      .createIndex('webhook_deliveries_once')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'event_id'])
      .unique()
      .where(sql.ref('redelivery_of'), 'is', null)
      .execute();
    await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('webhook_deliveries_webhook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();

    await db.schema
      .createTable('webhook_attempts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('error', 'text')
      .addColumn('response_excerpt', 'text')
      .addColumn('duration_ms', 'integer', (c) => c.notNull())
      // When the next try is due (null: none, delivered or given up).
      .addColumn('next_attempt_at', 'text')
      .execute();
    await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();

    await sql`
      insert into instance_settings (key, value)
      select ${ENQUEUED_THROUGH_KEY}, cast(coalesce(max(id), 0) as text) from event_outbox where id > 0`.execute(db);
  },
};
