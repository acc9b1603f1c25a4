import { randomUUID } from 'node:crypto';
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
  /** Whether messages reach the other nodes now (in process: there are none). */
  connected(): boolean;
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
    connected: () => true,
    close() {
      handlers.clear();
      return Promise.resolve();
    },
  };
}

/**
 * Redis pub/sub, for several server instances sharing one database. Never fails for Redis: a
 * message is handed to this process's handlers directly (not through Redis), and sent to the other
 * nodes when Redis is reachable. While it is not, the outbox poll still carries events between
 * nodes (docs/deploy.md); ioredis reconnects on its own and the channels are subscribed again.
 */
export async function redisBus(url: string, keyPrefix: string, onError: (error: unknown) => void): Promise<EventBus> {
  // No offline queue for publishing: while Redis is down a publish fails at once instead of waiting.
  const pub = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false });
  const sub = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  pub.on('error', onError);
  sub.on('error', onError);
  // Tells our own messages (handled locally already) from other nodes'.
  const origin = `${randomUUID()}|`;
  const name = (channel: BusChannel): string => `${keyPrefix}events:${channel}`;
  const handlers = new Map<string, Set<(message: string) => void>>();
  sub.on('message', (channel: string, raw: string) => {
    if (raw.startsWith(origin)) return;
    const message = raw.slice(raw.indexOf('|') + 1);
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  // After a reconnect (or a first connection made late), subscribe to every channel in use again.
  sub.on('ready', () => {
    if (handlers.size > 0) sub.subscribe(...handlers.keys()).catch(onError);
  });
  await Promise.all([whenReady(pub), whenReady(sub)]);
  return {
    async publish(channel, message) {
      for (const handler of handlers.get(name(channel)) ?? []) setImmediate(() => handler(message));
      if (pub.status !== 'ready') return;
      await pub.publish(name(channel), origin + message);
    },
    async subscribe(channel, handler) {
      const key = name(channel);
      let set = handlers.get(key);
      if (set === undefined) {
        set = new Set();
        handlers.set(key, set);
        if (sub.status === 'ready') await sub.subscribe(key).catch(onError);
      }
      set.add(handler);
      const own = set;
      return () => {
        own.delete(handler);
      };
    },
    connected: () => pub.status === 'ready' && sub.status === 'ready',
    async close() {
      handlers.clear();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}

const READY_WAIT_MS = 2000;

/** Resolves once the client is ready, or after READY_WAIT_MS (it keeps connecting in the background). */
export function whenReady(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, READY_WAIT_MS);
    client.on('ready', done);
  });
}
