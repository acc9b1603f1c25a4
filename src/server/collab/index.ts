// Real-time co-editing over Hocuspocus at /api/v1/collab (docs/events.md "Co-editing", docs/collab.md).
import type { DialectName } from '../db/index.js';
import type { EventFeed } from '../events/feed.js';
import type { ServiceDeps } from '../services/context.js';
import { Collab, DEFAULT_COLLAB_SETTINGS, type CollabSettings } from './service.js';

export { Collab, DEFAULT_COLLAB_SETTINGS, type CollabSettings } from './service.js';
export type { CollabContext, CheckpointReply } from './protocol.js';
export { DOCUMENT_CLOSE_REASONS, SOCKET_CLOSE } from './protocol.js';
export { TEXT_NAME, parseDocumentName } from './names.js';

/** Starts co-editing: the Hocuspocus instance, listening to the event feed for REST edits and access changes. */
export function startCollab(deps: ServiceDeps, dialect: DialectName, feed: EventFeed, onError: (error: unknown) => void, settings: Partial<CollabSettings> = {}): Collab {
  return new Collab(deps, dialect, feed, { ...DEFAULT_COLLAB_SETTINGS, ...settings }, onError);
}
