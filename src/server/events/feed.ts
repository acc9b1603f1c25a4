import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { EventBus } from './bus.js';
import { readEvents, type StoredEvent } from './outbox.js';

const PAGE = 500;
const RETRY_MS = 1000;

/**
 * This process's ordered stream of committed events: on each bus notice `{ upTo }` it reads the
 * rows after its cursor and hands them to every listener in id order. Consumers (the WebSocket
 * hub, later GraphQL subscriptions) filter and authorize; the feed only orders.
 */
export interface EventFeed {
  /** The last id handed to listeners: a consumer that catches up to it is live. */
  readonly cursor: number;
  listen(listener: (event: StoredEvent) => void): () => void;
  stop(): Promise<void>;
}

export async function startFeed(db: Kysely<DB>, bus: EventBus, startAt: number, onError: (error: unknown) => void): Promise<EventFeed> {
  let cursor = startAt;
  let target = startAt;
  let draining = false;
  let stopped = false;
  const listeners = new Set<(event: StoredEvent) => void>();

  const drain = async (): Promise<void> => {
    if (draining || stopped) return;
    draining = true;
    try {
      while (target > cursor) {
        const upTo = target;
        const rows = await readEvents(db, cursor, upTo, PAGE);
        for (const row of rows) {
          // The cursor moves with each event, in the same tick it is handed out, so a consumer
          // that compares its own position with it never misses or repeats one.
          cursor = row.envelope.id;
          for (const listener of listeners) {
            try {
              listener(row);
            } catch (error) {
              onError(error);
            }
          }
        }
        if (rows.length < PAGE) cursor = Math.max(cursor, upTo);
      }
    } catch (error) {
      onError(error);
      // Try again later even if no new notice comes (the rows are still there).
      setTimeout(() => void drain(), RETRY_MS).unref();
    } finally {
      draining = false;
    }
  };

  const unsubscribe = await bus.subscribe('outbox', (message) => {
    const upTo = (JSON.parse(message) as { upTo?: unknown }).upTo;
    if (typeof upTo !== 'number' || upTo <= target) return;
    target = upTo;
    void drain();
  });
  return {
    get cursor() {
      return cursor;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      unsubscribe();
      listeners.clear();
      return Promise.resolve();
    },
  };
}
