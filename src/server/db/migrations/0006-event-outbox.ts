import { sql } from 'kysely';
import type { SchemaMigration } from './types.js';

// The live-events outbox: one row per state change, written in the transaction that makes the
// change; its id is the event id clients resume from (docs/events.md).
//
// PostgreSQL: ids taken at INSERT time could commit out of order (transaction A takes 5, B takes
// 6, B commits first: a reader that delivered 6 would skip 5 for good). So the row is inserted
// with a provisional negative id, and a DEFERRED constraint trigger assigns the real id at COMMIT
// time while holding a transaction-level advisory lock: commits that write events are serialized
// only for that last instant (never while the transaction still takes other locks, so no
// deadlocks), and an id is visible only once every smaller id is. SQLite runs one writer at a
// time, so AUTOINCREMENT is already in commit order.
export const EVENT_ID_LOCK = 727_001;

export const eventOutbox: SchemaMigration = {
  async up(db, dialect) {
    if (dialect === 'postgres') {
      await sql`create sequence event_outbox_id_seq`.execute(db);
      await sql`create sequence event_outbox_pending_seq`.execute(db);
    }
    await db.schema
      .createTable('event_outbox')
      .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().defaultTo(sql`-nextval('event_outbox_pending_seq')`) : c.primaryKey().autoIncrement(),
      )
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text')
      .addColumn('spec_id', 'text')
      // Set for events only one user may see (their notifications, their tokens).
      .addColumn('user_id', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('data_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // Retention cleanup deletes by age.
    await db.schema.createIndex('event_outbox_created').on('event_outbox').columns(['created_at']).execute();
    if (dialect === 'postgres') {
      await sql`
        create function event_outbox_assign_id() returns trigger language plpgsql as $$
        begin
          perform pg_advisory_xact_lock(${sql.lit(EVENT_ID_LOCK)});
          update event_outbox set id = nextval('event_outbox_id_seq') where id = new.id;
          return null;
        end $$`.execute(db);
      await sql`
        create constraint trigger event_outbox_assign_id after insert on event_outbox
        deferrable initially deferred for each row execute function event_outbox_assign_id()`.execute(db);
    }
  },
};
