import type { Kysely, Transaction } from 'kysely';
import { parse, setFooterField, SpecEditError, STATUS_WORDS, type FooterKey, type LifecycleState, type SpecDocument } from '../../../core/index.js';
import type { DB } from '../../db/index.js';
import { AppError } from '../../errors/index.js';
import type { ActorCtx } from '../context.js';
import { newId } from '../secrets.js';
import { searchIndexOf } from '../../search/index.js';
import { analyzeDocument, type Analysis } from '../specs/analysis.js';
import { templateAt } from '../specs/template-versions.js';
import type { VersionRow } from './versions.js';
import { recordEvent, specEvent } from '../../events/write.js';

/** Values of the managed footer fields, as the server knows them to be. */
export type ManagedValues = Partial<Record<FooterKey, string>>;

/** The true values of the review fields (status, reviewers, approval date) for a version. */
export async function reviewTruth(db: Kysely<DB>, status: string, version: VersionRow): Promise<ManagedValues> {
  const names = await db
    .selectFrom('specReviewers')
    .innerJoin('users', 'users.id', 'specReviewers.userId')
    .select('users.name')
    .where('specReviewers.versionId', '=', version.id)
    .orderBy('specReviewers.assignedAt')
    .orderBy('specReviewers.id')
    .execute();
  const approved = status === 'approved' || status === 'superseded';
  return {
    status: STATUS_WORDS[status as LifecycleState] ?? status,
    reviewers: names.map((n) => n.name).join(', '),
    approvalDate: approved && version.decidedAt !== null ? version.decidedAt.slice(0, 10) : '',
  };
}

/**
 * Writes managed values through the engine's footer splices. Fields present are replaced when
 * they differ; missing ones are appended only when listed in `add` and not blank. A document
 * ending inside a block (an unclosed fence) cannot take a footer: it is left as it is.
 */
export function applyManagedValues(doc: SpecDocument, values: ManagedValues, add: readonly FooterKey[]): SpecDocument {
  let next = doc;
  for (const [key, value] of Object.entries(values) as [FooterKey, string][]) {
    const field = next.footer?.fields[key];
    if (field === undefined && (!add.includes(key) || value.trim() === '')) continue;
    if (field !== undefined && field.value === value.trim()) continue;
    try {
      next = setFooterField(next, key, value);
    } catch (error) {
      if (!(error instanceof SpecEditError)) throw error;
    }
  }
  return next;
}

/** A server footer write that made a revision: what to put in the revision cache after commit. */
export interface FooterRevision {
  readonly specId: string;
  readonly revision: number;
  readonly analysis: Analysis;
}

/**
 * Sets the spec's status and keeps its footer true, inside the caller's transaction. A changed
 * footer is stored as a new revision (credited to the actor) that bypasses the lock and, since
 * approvals pin approvalHash, dismisses none. Returns the revision made, or null.
 */
export async function writeStatusAndFooter(
  trx: Transaction<DB>,
  ctx: ActorCtx,
  specId: string,
  status: string,
  values: ManagedValues,
  summary: string,
): Promise<FooterRevision | null> {
  const row = await trx
    .selectFrom('specs')
    .select(['content', 'revision', 'workspaceId', 'templateId', 'templateVersion'])
    .where('id', '=', specId)
    .executeTakeFirstOrThrow();
  const now = ctx.deps.clock.now().toISOString();
  const doc = parse(row.content);
  const next = applyManagedValues(doc, values, ['status', 'reviewers', 'approvalDate']);
  if (next.source === row.content) {
    await trx.updateTable('specs').set({ status }).where('id', '=', specId).execute();
    return null;
  }
  const template = await templateAt(trx, row.workspaceId, row.templateId, row.templateVersion);
  const analysis = analyzeDocument(next, template);
  const revision = row.revision + 1;
  const updated = await trx
    .updateTable('specs')
    .set({
      status,
      content: next.source,
      revision,
      completeness: analysis.summary.score,
      lintErrors: analysis.summary.errors,
      lintWarnings: analysis.summary.warnings,
      updatedAt: now,
    })
    .where('id', '=', specId)
    .where('revision', '=', row.revision)
    .executeTakeFirst();
  // A content save committed between our read and this write: nothing is lost, the caller retries.
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('conflict', 'The spec changed while its status was being updated; try again');
  await trx.insertInto('revisions').values({ id: newId(), specId, number: revision, authorId: ctx.actor.userId, createdAt: now, summary, content: next.source }).execute();
  await recordEvent(trx, specEvent(ctx, { id: specId, workspaceId: row.workspaceId }, 'revision.created', { revision, summary }));
  await searchIndexOf(trx).indexSpec(trx, { id: specId, workspaceId: row.workspaceId }, next);
  return { specId, revision, analysis };
}
