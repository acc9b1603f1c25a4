import type { Kysely, Transaction } from 'kysely';
import { checkStorableText } from '../../../core/index.js';
import type { DB } from '../../db/index.js';
import { AppError, NotFoundError } from '../../errors/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { newId } from '../secrets.js';
import { titleOf, type Analysis } from './analysis.js';
import type { LoadedSpec, SpecMeta } from './load.js';
import { ifMatchHolds, specEtag } from './refs.js';
import { reusableQuery } from '../../db/reusable-query.js';
import { revisionCache } from './revision-cache.js';
import { searchIndexOf } from '../../search/index.js';
import { assertUnlocked, dismissStaleApprovals, keepFooterTrue } from '../reviews/content-hooks.js';
import type { SpecRead } from './views.js';
import { contentEvents, recordEvents } from '../../events/write.js';

/** Refuses text the database could not store exactly, naming line and column of the first problem. */
export function requireStorable(text: string, field = 'markdown'): void {
  const check = checkStorableText(text);
  if (!check.ok) {
    throw new AppError(check.code, `${field}: ${check.message}`, { field, line: check.line, column: check.column, offset: check.offset });
  }
}

/**
 * Checks `If-Match` against the spec's current ETag: 428 when a required header is missing, 412
 * etag_mismatch when it names another revision.
 */
export function checkIfMatch(ifMatch: string | undefined, spec: SpecMeta, required: boolean): void {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (required) throw new AppError('precondition_required', `Send If-Match: ${specEtag(spec.id, spec.revision)} (the ETag you read) to change this spec`);
    return;
  }
  if (!ifMatchHolds(ifMatch, spec.id, spec.revision)) throw etagMismatch(spec.id, spec.revision);
}

function etagMismatch(specId: string, revision: number): AppError {
  return new AppError('etag_mismatch', `The spec is at revision ${revision} now; read it again and reapply your change`, {
    currentEtag: specEtag(specId, revision),
    currentRevision: revision,
  });
}

// The statements of every content change, compiled once (see reusableQuery). Two shapes of the
// UPDATE: SQLite rewrites an index entry for every column a statement sets, changed or not, so
// `title` (in the title sort's index) is set only when it changes; most saves keep the title.
const updateContent = reusableQuery(
  (db: Kysely<DB>, id: string, expected: number, content: string, revision: number, completeness: number, lintErrors: number, lintWarnings: number, now: string) =>
    db
      .updateTable('specs')
      .set({ content, revision, completeness, lintErrors, lintWarnings, updatedAt: now })
      .where('id', '=', id)
      .where('revision', '=', expected)
      .where('deletedAt', 'is', null),
);

const updateContentAndTitle = reusableQuery(
  (db: Kysely<DB>, id: string, expected: number, content: string, title: string, revision: number, completeness: number, lintErrors: number, lintWarnings: number, now: string) =>
    db
      .updateTable('specs')
      .set({ content, title, revision, completeness, lintErrors, lintWarnings, updatedAt: now })
      .where('id', '=', id)
      .where('revision', '=', expected)
      .where('deletedAt', 'is', null),
);

const insertRevision = reusableQuery((db: Kysely<DB>, id: string, specId: string, number: number, authorId: string, createdAt: string, summary: string, content: string) =>
  db.insertInto('revisions').values({ id, specId, number, authorId, createdAt, summary, content }),
);

export interface ContentChange {
  /** The spec as loaded when the request started; its revision is the one the change applies to. */
  readonly loaded: LoadedSpec;
  readonly analysis: Analysis;
  readonly summary: string;
  /** More work for the same transaction (e.g. label changes made together with the text). */
  readonly alsoInTransaction?: (trx: Transaction<DB>) => Promise<void>;
}

/**
 * Stores new content as the next revision, only if the spec is still at the revision it was loaded
 * at (a conditional UPDATE in a transaction): of two writers with the same ETag exactly one wins,
 * the other gets etag_mismatch and nothing is lost. The search index follows in the same transaction.
 */
export async function commitContent(ctx: ActorCtx, change: ContentChange): Promise<SpecRead> {
  const { loaded } = change;
  const { spec } = loaded;
  // Review workflow: approved versions are locked; hand edits of managed footer fields are replaced.
  assertUnlocked(spec);
  const { analysis, replaced } = await keepFooterTrue(ctx, spec, change.analysis);
  const content = analysis.doc.source;
  requireStorable(content);
  const now = nowIso(ctx.deps);
  const next: SpecMeta = {
    ...spec,
    title: titleOf(analysis.doc) ?? spec.title,
    revision: spec.revision + 1,
    completeness: analysis.summary.score,
    lintErrors: analysis.summary.errors,
    lintWarnings: analysis.summary.warnings,
    updatedAt: now,
  };
  // The revision being replaced, parsed, when cached: its sections are what the search index holds
  // once the conditional update below succeeds, so only the changed sections are re-indexed.
  const previous = revisionCache(ctx.deps.db).get(spec.id, spec.revision)?.doc;
  await ctx.deps.db.transaction().execute(async (trx) => {
    const updated =
      next.title === spec.title
        ? await updateContent(trx, spec.id, spec.revision, content, next.revision, next.completeness, next.lintErrors, next.lintWarnings, now)
        : await updateContentAndTitle(trx, spec.id, spec.revision, content, next.title, next.revision, next.completeness, next.lintErrors, next.lintWarnings, now);
    if (Number(updated.numAffectedRows ?? 0) !== 1) {
      const current = await trx.selectFrom('specs').select(['revision', 'deletedAt']).where('id', '=', spec.id).executeTakeFirst();
      if (current === undefined || current.deletedAt !== null) throw new NotFoundError('Spec');
      throw etagMismatch(spec.id, current.revision);
    }
    await insertRevision(trx, newId(), spec.id, next.revision, ctx.actor.userId, now, change.summary, content);
    await searchIndexOf(trx).indexSpec(trx, { id: spec.id, workspaceId: spec.workspaceId }, analysis.doc, previous);
    await dismissStaleApprovals(trx, ctx, spec, analysis.doc);
    await change.alsoInTransaction?.(trx);
    await recordEvents(trx, contentEvents(ctx, spec, next, change.summary));
  });
  const current = revisionCache(ctx.deps.db).put(spec.id, next.revision, analysis.doc, analysis.lint);
  return replaced.length === 0 ? { loaded: { ...loaded, spec: next }, current } : { loaded: { ...loaded, spec: next }, current, footerReplaced: replaced };
}
