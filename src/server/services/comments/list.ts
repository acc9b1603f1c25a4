import { NotFoundError } from '../../errors/index.js';
import { authorizeAny, commentPolicy, specPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { pageWindow, toPage, type Page, type PageRequest } from '../pagination.js';
import { currentRevision } from '../specs/current.js';
import { loadSpec, type SpecLocator, type SpecMeta } from '../specs/load.js';
import { commentResource, loadThread, type ThreadLocator } from './load.js';
import { threadViews, type ThreadView } from './views.js';

export type ThreadState = 'open' | 'resolved' | 'all';

export interface ListThreadsQuery extends PageRequest {
  /** Default all: outdated and resolved threads stay listed. */
  readonly state?: ThreadState | undefined;
  /** Only blocking threads. */
  readonly blocking?: boolean | undefined;
}

/** A spec's threads, oldest first, anchored against its current revision. */
export async function listThreads(ctx: ActorCtx, locator: SpecLocator, query: ListThreadsQuery): Promise<Page<ThreadView>> {
  const loaded = await loadSpec(ctx, locator, specPolicy.read);
  authorizeAny(ctx.actor, commentPolicy.read, commentResource(loaded, ctx.actor.userId), 'Spec');
  const { limit, after } = pageWindow(query);
  const state = query.state ?? 'all';
  const rows = await ctx.deps.db
    .selectFrom('commentThreads')
    .selectAll()
    .where('specId', '=', loaded.spec.id)
    .$if(state === 'open', (q) => q.where('resolvedAt', 'is', null))
    .$if(state === 'resolved', (q) => q.where('resolvedAt', 'is not', null))
    .$if(query.blocking === true, (q) => q.where('blockingAt', 'is not', null))
    .$if(after !== null, (q) => q.where('id', '>', after ?? ''))
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, (t) => t.id);
  const current = await currentRevision(ctx, loaded.spec);
  return { items: await threadViews(ctx.deps.db, current.doc, page.items), nextCursor: page.nextCursor };
}

/** One thread with its comments. */
export async function getThread(ctx: ActorCtx, locator: ThreadLocator): Promise<ThreadView> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.read);
  return threadView(ctx, loaded.spec, thread.id);
}

/** A thread's view as it is now (after a change), anchored against the spec's current revision. */
export async function threadView(ctx: ActorCtx, spec: SpecMeta, threadId: string): Promise<ThreadView> {
  const row = await ctx.deps.db.selectFrom('commentThreads').selectAll().where('id', '=', threadId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Thread');
  const current = await currentRevision(ctx, spec);
  const [view] = await threadViews(ctx.deps.db, current.doc, [row]);
  if (view === undefined) throw new NotFoundError('Thread');
  return view;
}
