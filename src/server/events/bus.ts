import { Redis } from 'ioredis';

/**
 * Notices between the parts of the event system (and between server instances). Carries only
 * small messages ("events up to id N were committed", presence joins and leaves): the outbox
 * rows stay the source of truth. GraphQL subscriptions subscribe to the same channels.
 */
export interface EventBus {
  publish(channel: BusChannel, message: string): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(channel: BusChannel, handler: (message: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** `outbox`: JSON { upTo: number }. `presence`: JSON PresenceNotice. */
export type BusChannel = 'outbox' | 'presence';

/** One process: handlers run on a later tick, like a remote bus would. */
export function inProcessBus(): EventBus {
  const handlers = new Map<BusChannel, Set<(message: string) => void>>();
  return {
    publish(channel, message) {
      for (const handler of handlers.get(channel) ?? []) setImmediate(() => handler(message));
      return Promise.resolve();
    },
    subscribe(channel, handler) {
      const set = handlers.get(channel) ?? new Set();
      handlers.set(channel, set);
      set.add(handler);
      return Promise.resolve(() => {
        set.delete(handler);
      });
    },
    close() {
      handlers.clear();
      return Promise.resolve();
    },
  };
}

/** Redis pub/sub, for several server instances sharing one database. */
export async function redisBus(url: string, keyPrefix: string, onError: (error: unknown) => void): Promise<EventBus> {
  const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true } as const;
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  const name = (channel: BusChannel): string => `${keyPrefix}events:${channel}`;
  const handlers = new Map<string, Set<(message: string) => void>>();
  sub.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  return {
    async publish(channel, message) {
      await pub.publish(name(channel), message);
    },
    async subscribe(channel, handler) {
      const key = name(channel);
      let set = handlers.get(key);
      if (set === undefined) {
        set = new Set();
        handlers.set(key, set);
        await sub.subscribe(key);
      }
      set.add(handler);
      const own = set;
      return () => {
        own.delete(handler);
      };
    },
    async close() {
      handlers.clear();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
