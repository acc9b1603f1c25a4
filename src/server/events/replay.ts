// Resuming a subscription from `since`, shared by the WebSocket hub and GraphQL subscriptions:
// decide whether the client must resync, else replay the topic's rows up to the feed's cursor and
// turn live in the same tick it caught up (the feed moves its cursor as it hands events out), so
// nothing is missed or repeated.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { ResolvedTopic } from './access.js';
import type { EventFeed } from './feed.js';
import { latestEventId, purgedThrough, readEvents, type StoredEvent } from './outbox.js';

const PAGE = 200;

export type ResyncReason = 'beyond_retention' | 'unknown_id';

/** Why a client resuming from `since` must reload instead (null: it can be replayed). */
export async function resyncReason(db: Kysely<DB>, since: number): Promise<ResyncReason | null> {
  if (since < (await purgedThrough(db))) return 'beyond_retention';
  if (since > (await latestEventId(db))) return 'unknown_id';
  return null;
}

/** A subscription's position, moved by replay and then by live delivery. */
export interface Position {
  live: boolean;
  deliveredUpTo: number;
}

/**
 * Replays the topic's events after `position.deliveredUpTo` through `emit` (false: stop, the
 * receiver is gone or too slow) while `active()`, then sets `live`. Returns whether it went live.
 */
export async function catchUp(
  db: Kysely<DB>,
  feed: EventFeed,
  topic: ResolvedTopic,
  position: Position,
  emit: (row: StoredEvent) => boolean,
  active: () => boolean,
): Promise<boolean> {
  const filter = topic.specId === null ? { workspaceId: topic.workspaceId } : { specId: topic.specId };
  while (active()) {
    const target = feed.cursor;
    if (position.deliveredUpTo >= target) {
      position.live = true;
      return true;
    }
    const rows = await readEvents(db, position.deliveredUpTo, target, PAGE, filter);
    for (const row of rows) {
      if (!emit(row)) return false;
      position.deliveredUpTo = row.envelope.id;
    }
    if (rows.length < PAGE) position.deliveredUpTo = Math.max(position.deliveredUpTo, target);
  }
  return false;
}
