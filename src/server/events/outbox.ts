import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { reusableQuery } from '../db/reusable-query.js';
import type { EventEnvelope, EventType } from './schemas.js';

/** A stored event as read back, with who may see it. */
export interface StoredEvent {
  readonly envelope: EventEnvelope;
  /** Set for user-audience events: only this user receives it. */
  readonly userId: string | null;
}

const PURGED_KEY = 'events.purged_through';

/** Which rows a reader wants besides the id range. */
export interface EventFilter {
  readonly workspaceId?: string;
  readonly specId?: string;
}

// The unfiltered read runs after every write (the live feed): compiled once (db/reusable-query.ts).
const readRange = reusableQuery((db: Kysely<DB>, after: number, upTo: number, limit: number) =>
  db.selectFrom('eventOutbox').selectAll().where('id', '>', after).where('id', '<=', upTo).orderBy('id').limit(limit),
);

const latestId = reusableQuery((db: Kysely<DB>) =>
  db
    .selectFrom('eventOutbox')
    .select((eb) => eb.fn.max('id').as('max'))
    .where('id', '>', 0),
);

/** Events with after < id <= upTo, in id order, at most `limit` of them. */
export async function readEvents(db: Kysely<DB>, after: number, upTo: number, limit: number, filter: EventFilter = {}): Promise<StoredEvent[]> {
  let rows;
  if (filter.workspaceId === undefined && filter.specId === undefined) {
    rows = (await readRange(db, after, upTo, limit)).rows;
  } else {
    let query = db.selectFrom('eventOutbox').selectAll().where('id', '>', after).where('id', '<=', upTo);
    if (filter.workspaceId !== undefined) query = query.where('workspaceId', '=', filter.workspaceId);
    if (filter.specId !== undefined) query = query.where('specId', '=', filter.specId);
    rows = await query.orderBy('id').limit(limit).execute();
  }
  return rows.map((r) => ({
    userId: r.userId,
    envelope: {
      id: Number(r.id),
      type: r.type as EventType,
      workspaceId: r.workspaceId,
      specId: r.specId,
      actorId: r.actorId,
      at: r.createdAt,
      data: JSON.parse(r.dataJson) as Record<string, unknown>,
    },
  }));
}

/** The newest committed event id (0 when there is none). */
export async function latestEventId(db: Kysely<DB>): Promise<number> {
  // Provisional PostgreSQL ids are negative and never visible after commit; the filter is for clarity.
  const row = (await latestId(db)).rows[0];
  return row?.max === undefined || row.max === null ? 0 : Number(row.max);
}

/** Every id up to this one may have been deleted by retention (0: none yet). */
export async function purgedThrough(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('instanceSettings').select('value').where('key', '=', PURGED_KEY).executeTakeFirst();
  return row === undefined ? 0 : Number(row.value);
}

/**
 * Deletes events older than the retention window and remembers the highest id deleted, so a
 * client resuming from before it is told to resync. Returns how many rows went.
 */
export async function purgeEvents(db: Kysely<DB>, olderThan: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('eventOutbox').select((eb) => eb.fn.max('id').as('max')).where('createdAt', '<', olderThan).where('id', '>', 0).executeTakeFirst();
    if (row?.max === undefined || row.max === null) return 0;
    const through = Number(row.max);
    // By id, not time: ids are in commit order and the watermark must cover every deleted row.
    const done = await trx.deleteFrom('eventOutbox').where('id', '<=', through).where('id', '>', 0).executeTakeFirst();
    const value = String(Math.max(through, await purgedThrough(trx)));
    await trx
      .insertInto('instanceSettings')
      .values({ key: PURGED_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`excluded.value` }))
      .execute();
    return Number(done.numDeletedRows);
  });
}
