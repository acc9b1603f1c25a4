// Co-editing across nodes (docs/collab.md "Several nodes"): @hocuspocus/extension-redis relays Yjs
// updates and awareness between nodes holding the same document. Adapted so Redis is an accelerator,
// never a dependency: with Redis down each node keeps serving its own connections from the database.
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { afterLoadDocumentPayload, Extension, Hocuspocus, onChangePayload, onConfigurePayload } from '@hocuspocus/server';
import { Redis } from 'ioredis';

export interface CollabRedisSettings {
  readonly url: string;
  /** REDIS_KEY_PREFIX: channels are `<prefix>collab:<document>`. */
  readonly keyPrefix: string;
}

/**
 * The Redis extension with three changes. No store lock: a checkpoint is already conditional on the
 * spec's revision and on the stored base in the database (two nodes racing: one commits, the other
 * takes its base and finds nothing left to commit), and the lock would stop checkpoints while Redis
 * is down. Publishing and subscribing never fail a hook
 * (no offline queue: a publish while Redis is down fails at once and is dropped; updates are in the
 * database anyway). And after Redis comes back, every loaded document is subscribed again and
 * announces its state, so nodes that diverged meanwhile converge.
 */
class ResilientRedis extends RedisExtension {
  private hocuspocus: Hocuspocus | null = null;
  /** The extension's pub and sub clients, typed (its own fields are typed from its bundled ioredis). */
  private readonly clients: readonly [Redis, Redis];

  constructor(
    settings: CollabRedisSettings,
    private readonly onError: (error: unknown) => void,
  ) {
    const made: Redis[] = [];
    const client = (): Redis => {
      const redis = new Redis(settings.url, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false });
      redis.on('error', onError);
      made.push(redis);
      return redis;
    };
    super({ createClient: client, prefix: `${settings.keyPrefix}collab` });
    const [pub, sub] = made;
    if (pub === undefined || sub === undefined) throw new Error('the Redis extension made no clients');
    this.clients = [pub, sub];
    sub.on('ready', () => this.resubscribe());
  }

  private get publishing(): boolean {
    return this.clients[0].status === 'ready';
  }

  override async onConfigure(payload: onConfigurePayload): Promise<void> {
    this.hocuspocus = payload.instance;
    await super.onConfigure(payload);
  }

  override async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    if (this.clients[1].status !== 'ready') return; // subscribed when Redis is back (resubscribe)
    await super.afterLoadDocument(payload).catch(this.onError);
  }

  override onStoreDocument(): Promise<void> {
    return Promise.resolve();
  }

  override async onChange(payload: onChangePayload): Promise<void> {
    if (!this.publishing) return;
    await super.onChange(payload).catch(this.onError);
  }

  override async onAwarenessUpdate(payload: Parameters<RedisExtension['onAwarenessUpdate']>[0]): Promise<number | undefined> {
    if (!this.publishing) return undefined;
    return super.onAwarenessUpdate(payload).catch((error: unknown) => {
      this.onError(error);
      return undefined;
    });
  }

  /** Resolves to the number of nodes reached (0 while Redis is down). */
  override async beforeBroadcastStateless(payload: Parameters<RedisExtension['beforeBroadcastStateless']>[0]): Promise<number> {
    if (!this.publishing) return 0;
    return super.beforeBroadcastStateless(payload).catch((error: unknown) => {
      this.onError(error);
      return 0;
    });
  }

  private resubscribe(): void {
    const instance = this.hocuspocus;
    if (instance === null) return;
    for (const [documentName, document] of instance.documents) {
      void super.afterLoadDocument({ documentName, document } as afterLoadDocumentPayload).catch(this.onError);
    }
  }
}

/** The extension sharing live documents between nodes through Redis. */
export function collabRedisExtension(settings: CollabRedisSettings, onError: (error: unknown) => void): Extension {
  return new ResilientRedis(settings, onError);
}
