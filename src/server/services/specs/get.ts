import { parse } from '../../../core/index.js';
import { specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { loadContent, loadSpec, type SpecLocator } from './load.js';
import { revisionCache } from './revision-cache.js';
import type { SpecRead } from './views.js';

const OPTIMISTIC_ATTEMPTS = 3;

/**
 * A spec with its current revision for reading. The lean path: one query for the metadata, the
 * content from the cache; on a miss one more query, and when a write slipped in between, again.
 */
export async function readSpec(ctx: ActorCtx, locator: SpecLocator): Promise<SpecRead> {
  const cache = revisionCache(ctx.deps.db);
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    const loaded = await loadSpec(ctx, locator, specPolicy.read, { labels: true });
    const { spec } = loaded;
    const cached = cache.get(spec.id, spec.revision);
    if (cached !== undefined) return { loaded, current: cached };
    const row = await loadContent(ctx.deps.db, spec.id);
    if (row.revision === spec.revision) return { loaded, current: cache.put(spec.id, row.revision, parse(row.content)) };
  }
  // A busy spec: read metadata and content together.
  const loaded = await loadSpec(ctx, locator, specPolicy.read, { labels: true, content: true });
  return { loaded, current: cache.put(loaded.spec.id, loaded.spec.revision, parse(loaded.content ?? '')) };
}
