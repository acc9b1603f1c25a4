// The one place the Hocuspocus instance is built: add extensions here (e.g. @hocuspocus/extension-redis
// to share documents across nodes) without touching the rest of the co-editing code.
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { collabRedisExtension, type CollabRedisSettings } from './redis.js';

export interface HocuspocusSettings {
  /** Idle time after the last edit before a checkpoint (Hocuspocus's onStoreDocument debounce). */
  readonly debounceMs: number;
  /** Longest a checkpoint waits while edits keep coming. */
  readonly maxDebounceMs: number;
  /** With REDIS_URL: nodes holding the same document exchange its updates through Redis. */
  readonly redis?: CollabRedisSettings | null;
}

/** Builds the Hocuspocus instance: our hooks (`collab`) plus any `extensions`. */
export function createHocuspocus(collab: Extension, settings: HocuspocusSettings, onError: (error: unknown) => void, extensions: readonly Extension[] = []): Hocuspocus {
  const redis = settings.redis === undefined || settings.redis === null ? [] : [collabRedisExtension(settings.redis, onError)];
  return new Hocuspocus({
    name: 'specboard',
    quiet: true,
    debounce: settings.debounceMs,
    maxDebounce: settings.maxDebounceMs,
    // Checkpoint as soon as the last editor leaves, then unload.
    unloadImmediately: true,
    extensions: [collab, ...redis, ...extensions],
  });
}
