// Webhooks (docs/webhooks.md): committed outbox events become delivery rows (enqueue.ts), which
// any node's worker claims and sends (worker.ts). Both run on new events (the live feed) and on a
// timer for retries, other nodes' events and anything missed: the database is the queue. Finished
// deliveries older than the retention window are deleted on a slower timer (retention.ts).
import type { WebhooksConfig } from '../config.js';
import type { Kysely } from 'kysely';
import type { DB, DialectName } from '../db/index.js';
import { reusableQuery } from '../db/reusable-query.js';
import type { EventFeed } from '../events/index.js';
import type { ServiceDeps } from '../services/context.js';
import { enqueuePage } from './enqueue.js';
import { pruneDeliveries, retentionCutoff } from './retention.js';
import { DeliveryWorker } from './worker.js';

export { WEBHOOK_EVENT_TYPES, ALL_EVENTS } from './events.js';
export { signPayload, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';
export { MAX_ATTEMPTS } from './backoff.js';
export { pruneDeliveries, retentionCutoff } from './retention.js';

// Runs after every event: compiled once (db/reusable-query.ts).
const anyActiveWebhook = reusableQuery((db: Kysely<DB>) => db.selectFrom('webhooks').select('id').where('disabledAt', 'is', null).limit(1));

// Retention is about days: a pass every 10 minutes per node keeps the log near its window, and
// a backlog (first start with retention, or a shortened window) drains over a few passes.
const PRUNE_EVERY_MS = 10 * 60_000;

export interface Webhooks {
  /** Enqueue and send now (tests; new events and the timer do it anyway). */
  pump(): Promise<void>;
  /** One retention pass as of `now` (the timer does it with the clock); returns how many deliveries it deleted. */
  prune(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

export function startWebhooks(
  config: WebhooksConfig,
  deps: ServiceDeps,
  dialect: DialectName,
  feed: EventFeed,
  userAgent: string,
  onError: (error: unknown) => void,
): Webhooks {
  const worker = new DeliveryWorker({ db: deps.db, clock: deps.clock, config, userAgent });
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const cycle = async (): Promise<void> => {
    do {
      again = false;
      // Most installations have no webhook: then an event costs one indexed read, no write. The
      // cursor stays behind and catches up (page by page) once a webhook exists; webhooks only get
      // events after their creation anyway.
      if ((await anyActiveWebhook(deps.db)).rows.length === 0) return;
      while (!stopped && (await enqueuePage(deps.db, deps.clock.now().toISOString())) !== null);
      while (!stopped && (await worker.runOnce()) > 0);
    } while (again && !stopped);
  };
  const pump = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running !== null) {
      again = true;
      return running;
    }
    running = cycle()
      .catch((error: unknown) => {
        if (!stopped) onError(error);
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  // Passes of this node run one after another; other nodes may prune at the same moment (retention.ts).
  let pruneChain: Promise<unknown> = Promise.resolve();
  const prune = (now: Date = deps.clock.now()): Promise<number> => {
    const before = retentionCutoff(now, config.deliveryRetentionDays);
    if (stopped || before === null) return Promise.resolve(0);
    const pass = pruneChain.then(() => pruneDeliveries(deps.db, dialect, before, { stopped: () => stopped }));
    pruneChain = pass.catch(() => undefined);
    return pass;
  };

  const unlisten = feed.listen(() => void pump());
  const timer = setInterval(() => void pump(), config.pollMs);
  timer.unref();
  const pruneTimer = setInterval(() => void prune().catch(onError), PRUNE_EVERY_MS);
  pruneTimer.unref();
  void pump();
  void prune().catch(onError);
  return {
    pump,
    prune,
    async stop() {
      stopped = true;
      unlisten();
      clearInterval(timer);
      clearInterval(pruneTimer);
      worker.abort();
      await running;
      await pruneChain;
    },
  };
}
