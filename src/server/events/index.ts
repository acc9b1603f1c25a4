// Live events: an outbox written in each change's transaction, a bus carrying "new events up to
// id N" notices, a feed that reads the rows in order, and the WebSocket hub (docs/events.md).
import type { Config } from '../config.js';
import type { ServiceDeps } from '../services/context.js';
import { inProcessBus, redisBus, type EventBus } from './bus.js';
import { startFeed, type EventFeed } from './feed.js';
import { EventHub } from './hub.js';
import { latestEventId, purgeEvents } from './outbox.js';
import { PresenceBoard } from './presence.js';
import { TopicStreams } from './streams.js';
import { watchOutbox } from './watcher.js';

export { recordEvent, recordEvents, specEvent, type NewEvent } from './record.js';
export type { EventBus } from './bus.js';
export type { EventFeed } from './feed.js';
export { EventHub } from './hub.js';
export { TopicStreams, type StreamMessage } from './streams.js';

const POLL_MS = 1000;
const PURGE_EVERY_MS = 3_600_000;

export interface LiveEvents {
  readonly bus: EventBus;
  readonly feed: EventFeed;
  readonly hub: EventHub;
  /** GraphQL subscriptions: the same feed, rules and close codes as the hub. */
  readonly streams: TopicStreams;
  /** Deletes events older than the retention window now (also runs hourly). */
  purge(): Promise<number>;
  stop(): Promise<void>;
}

// Without Redis every instance still sees the others' events through the outbox poll (within a
// second): Redis only makes it prompt, so an unreachable Redis at start is a warning, not a failure.
async function redisBusOrLocal(url: string, keyPrefix: string, onError: (error: unknown) => void): Promise<EventBus> {
  try {
    return await redisBus(url, keyPrefix, onError);
  } catch (error) {
    onError(error);
    return inProcessBus();
  }
}

/** Starts the bus (Redis when REDIS_URL is set), the outbox watcher, the feed, the hub, GraphQL streams and retention. */
export async function startLiveEvents(config: Config, deps: ServiceDeps, onError: (error: unknown) => void): Promise<LiveEvents> {
  const bus = config.redisUrl === null ? inProcessBus() : await redisBusOrLocal(config.redisUrl, config.redisKeyPrefix, onError);
  const startAt = await latestEventId(deps.db);
  const feed = await startFeed(deps.db, bus, startAt, onError);
  const watcher = watchOutbox(deps.db, bus, startAt, POLL_MS, onError);
  const limits = { maxBufferedBytes: config.events.maxBufferedBytes, recheckMs: config.events.recheckSeconds * 1000, onError };
  const presence = await PresenceBoard.start(bus, onError);
  const hub = EventHub.start(deps, feed, presence, limits);
  const streams = TopicStreams.start(deps, feed, presence, limits);
  const purge = (): Promise<number> => purgeEvents(deps.db, new Date(deps.clock.now().getTime() - config.events.retentionHours * 3_600_000).toISOString());
  const purgeTimer = setInterval(() => void purge().catch(onError), PURGE_EVERY_MS);
  purgeTimer.unref();
  return {
    bus,
    feed,
    hub,
    streams,
    purge,
    async stop() {
      clearInterval(purgeTimer);
      watcher.stop();
      hub.stop();
      streams.stop();
      presence.stop();
      await feed.stop();
      await bus.close();
    },
  };
}
export { contentEvents, labelsEvent, membershipEvent, tokenRevokedEvent, transitionEvents } from './service-events.js';
