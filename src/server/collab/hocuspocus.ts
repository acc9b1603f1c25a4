// The one place the Hocuspocus instance is built: add extensions here (e.g. @hocuspocus/extension-redis
// to share documents across nodes) without touching the rest of the co-editing code.
import { Hocuspocus, type Extension } from '@hocuspocus/server';

export interface HocuspocusSettings {
  /** Idle time after the last edit before a checkpoint (Hocuspocus's onStoreDocument debounce). */
  readonly debounceMs: number;
  /** Longest a checkpoint waits while edits keep coming. */
  readonly maxDebounceMs: number;
}

/** Builds the Hocuspocus instance: our hooks (`collab`) plus any `extensions`. */
export function createHocuspocus(collab: Extension, settings: HocuspocusSettings, extensions: readonly Extension[] = []): Hocuspocus {
  return new Hocuspocus({
    name: 'specboard',
    quiet: true,
    debounce: settings.debounceMs,
    maxDebounce: settings.maxDebounceMs,
    // Checkpoint as soon as the last editor leaves, then unload.
    unloadImmediately: true,
    extensions: [collab, ...extensions],
  });
}
