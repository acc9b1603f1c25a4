import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { EventBus } from './bus.js';
import { latestEventId } from './outbox.js';
import { onEventsWritten } from './record.js';

// After this process writes an event its transaction may still be committing: look again after
// these delays (ms) until the new id shows up. Dense at first, since a commit usually lands within
// a few ms and each step is a cheap max(id) lookup: the step after the commit is the delivery
// delay (bench/events.bench.ts). The periodic poll covers anything slower, and writes by other
// processes when there is no shared bus.
const RETRY_DELAYS_MS = [0, 1, 2, 3, 4, 5, 5, 5, 10, 10, 20, 50, 100, 250, 500];

export interface OutboxWatcher {
  stop(): void;
}

/**
 * Publishes `{ upTo }` on the bus's outbox channel whenever the newest committed event id grows:
 * right after this process records events, and every `pollMs` in any case.
 */
export function watchOutbox(db: Kysely<DB>, bus: EventBus, startAt: number, pollMs: number, onError: (error: unknown) => void): OutboxWatcher {
  let seen = startAt;
  let stopped = false;
  let polling: Promise<boolean> | null = null;
  let retry: NodeJS.Timeout | null = null;

  const poll = (): Promise<boolean> => {
    polling ??= (async () => {
      try {
        const latest = await latestEventId(db);
        if (stopped || latest <= seen) return false;
        seen = latest;
        await bus.publish('outbox', JSON.stringify({ upTo: latest }));
        return true;
      } catch (error) {
        if (!stopped) onError(error);
        return false;
      } finally {
        polling = null;
      }
    })();
    return polling;
  };

  const chase = (attempt: number): void => {
    retry = null;
    if (stopped) return;
    void poll().then((found) => {
      const delay = RETRY_DELAYS_MS[attempt + 1];
      if (!found && delay !== undefined && retry === null && !stopped) retry = setTimeout(() => chase(attempt + 1), delay);
    });
  };

  const unlisten = onEventsWritten(() => {
    if (retry !== null) clearTimeout(retry);
    chase(0);
  });
  const timer = setInterval(() => void poll(), pollMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      unlisten();
      clearInterval(timer);
      if (retry !== null) clearTimeout(retry);
    },
  };
}
