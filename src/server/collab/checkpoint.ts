// A checkpoint turns the live text into a revision through the specs service's one content write
// path (commitContent): same lock, footer, lint, search index and events as a REST save. The
// revision's author is the first person who edited since the previous checkpoint; everyone who
// edited is recorded in revision_contributors (author at position 0) in the same transaction.
import type { Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { AppError } from '../errors/index.js';
import { specPolicy } from '../policies/index.js';
import { NO_META, type Actor, type ActorCtx, type ServiceDeps } from '../services/context.js';
import { analyze } from '../services/specs/analysis.js';
import { commitContent } from '../services/specs/commit.js';
import { loadSpec, type LoadedSpec } from '../services/specs/load.js';
import { templateAt } from '../services/specs/template-versions.js';
import { BaseMoved } from './store.js';

export interface CommittedText {
  readonly revision: number;
  /** The content as stored (the footer may have been kept true). */
  readonly content: string;
}

/** The outcome of one attempt: committed, or the spec moved on (merge it first), or no one may write. */
export type CheckpointAttempt = { readonly kind: 'committed'; readonly committed: CommittedText } | { readonly kind: 'moved' } | { readonly kind: 'nobody' };

/** An actor standing for a contributor: they were authorized when they connected, and are again here. */
function contributorActor(userId: string): Actor {
  return { userId, via: 'session', scopes: null, sessionId: null, tokenId: null };
}

/** The first contributor who may still write the spec, with the spec loaded as them. */
async function authorOf(deps: ServiceDeps, spec: { id: string; workspaceId: string }, contributors: readonly string[]): Promise<{ ctx: ActorCtx; loaded: LoadedSpec } | null> {
  for (const userId of contributors) {
    const ctx: ActorCtx = { deps, meta: NO_META, actor: contributorActor(userId) };
    try {
      return { ctx, loaded: await loadSpec(ctx, { workspace: spec.workspaceId, spec: spec.id }, specPolicy.write, { labels: true }) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return null;
}

async function summaryOf(deps: ServiceDeps, contributors: readonly string[]): Promise<string> {
  const rows = await deps.db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...contributors]).execute();
  const names = contributors.map((id) => rows.find((r) => r.id === id)?.name ?? 'someone');
  return names.length === 1 ? `Edited live by ${names[0] ?? ''}` : `Edited live by ${names.join(', ')}`;
}

/**
 * Commits `text` as the next revision if the spec is still at `baseRevision`. Throws the
 * service's errors (spec_locked...) except an ETag race or a moved base (alsoInTransaction throws
 * BaseMoved), which answer "moved".
 */
export async function commitLiveText(
  deps: ServiceDeps,
  spec: { id: string; workspaceId: string },
  baseRevision: number,
  text: string,
  contributors: readonly string[],
  alsoInTransaction: (trx: Transaction<DB>, revision: number) => Promise<void>,
): Promise<CheckpointAttempt> {
  const author = await authorOf(deps, spec, contributors);
  if (author === null) return { kind: 'nobody' };
  const { ctx, loaded } = author;
  if (loaded.spec.revision !== baseRevision) return { kind: 'moved' };
  const credited = [ctx.actor.userId, ...contributors.filter((id) => id !== ctx.actor.userId)];
  const template = await templateAt(deps.db, loaded.spec.workspaceId, loaded.spec.templateId, loaded.spec.templateVersion);
  const revision = loaded.spec.revision + 1;
  try {
    const result = await commitContent(ctx, {
      loaded,
      analysis: analyze(text, template),
      summary: await summaryOf(deps, credited),
      alsoInTransaction: async (trx) => {
        await trx
          .insertInto('revisionContributors')
          .values(credited.map((userId, position) => ({ specId: spec.id, revision, userId, position })))
          .execute();
        await alsoInTransaction(trx, revision);
      },
    });
    return { kind: 'committed', committed: { revision: result.loaded.spec.revision, content: result.current.content } };
  } catch (error) {
    // Another writer made a revision, or another node moved the live document's base: merge, retry.
    if ((error instanceof AppError && error.code === 'etag_mismatch') || error instanceof BaseMoved) return { kind: 'moved' };
    throw error;
  }
}
