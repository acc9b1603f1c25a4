import type { Kysely, Selectable } from 'kysely';
import type { CommentThreadsTable, DB } from '../../db/index.js';
import { NotFoundError } from '../../errors/index.js';
import { authorizeAny, specPolicy, type CommentResource, type Rule } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { loadSpec, type LoadedSpec, type SpecLocator } from '../specs/load.js';

export type ThreadRow = Selectable<CommentThreadsTable>;

/** A thread of a spec: the spec's locator and the thread id. */
export type ThreadLocator = { readonly workspace: string; readonly spec: string; readonly thread: string };

export function specLocatorOf(locator: ThreadLocator): SpecLocator {
  return { workspace: locator.workspace, spec: locator.spec };
}

/** The policy resource of a thread (or of one of its comments, by `authorId`). */
export function commentResource(loaded: LoadedSpec, authorId: string): CommentResource {
  return { role: loaded.role, authorId, specAuthorId: loaded.spec.authorId };
}

/** Loads the spec (readable by the caller) and its thread, then checks the thread rule. */
export async function loadThread(ctx: ActorCtx, locator: ThreadLocator, rules: readonly Rule<CommentResource>[], db: Kysely<DB> = ctx.deps.db): Promise<{ loaded: LoadedSpec; thread: ThreadRow }> {
  const loaded = await loadSpec(ctx, specLocatorOf(locator), specPolicy.read, {}, db);
  const thread = await db.selectFrom('commentThreads').selectAll().where('id', '=', locator.thread).where('specId', '=', loaded.spec.id).executeTakeFirst();
  if (thread === undefined) throw new NotFoundError('Thread');
  authorizeAny(ctx.actor, rules, commentResource(loaded, thread.authorId), 'Thread');
  return { loaded, thread };
}
