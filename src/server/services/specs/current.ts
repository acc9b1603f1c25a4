import { parse } from '../../../core/index.js';
import type { ActorCtx } from '../context.js';
import { loadContent, type SpecMeta } from './load.js';
import { revisionCache, type CachedRevision } from './revision-cache.js';

/**
 * The spec's current content, parsed (from the cache when this revision was seen before). The
 * result's revision can be newer than `spec.revision` when someone saved in between.
 */
export async function currentRevision(ctx: ActorCtx, spec: SpecMeta): Promise<CachedRevision> {
  const cache = revisionCache(ctx.deps.db);
  const cached = cache.get(spec.id, spec.revision);
  if (cached !== undefined) return cached;
  const row = await loadContent(ctx.deps.db, spec.id);
  return cache.put(spec.id, row.revision, parse(row.content));
}
