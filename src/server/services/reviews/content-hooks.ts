/**
 * What the review workflow asks of every content change (specs/commit.ts calls these): the lock,
 * a footer that tells the truth, and approvals that stay pinned to what they approved.
 */
import type { Kysely, Transaction } from 'kysely';
import { approvalHash, STATUS_WORDS, type FooterKey, type LifecycleState, type SpecDocument } from '../../../core/index.js';
import type { DB } from '../../db/index.js';
import { AppError } from '../../errors/index.js';
import { recordAudit } from '../audit.js';
import type { ActorCtx } from '../context.js';
import type { SpecMeta } from '../specs/load.js';
import { analyzeDocument, type Analysis } from '../specs/analysis.js';
import { revisionCache } from '../specs/revision-cache.js';
import { reusableQuery } from '../../db/reusable-query.js';
import { templateAt } from '../specs/template-versions.js';
import { applyManagedValues, type ManagedValues } from './footer.js';
import { LOCKED_STATES } from './transition.js';

/** 423 spec_locked when the spec's current version is approved (or superseded): revise it first. */
export function assertUnlocked(spec: SpecMeta): void {
  if (LOCKED_STATES.has(spec.status)) {
    throw new AppError('spec_locked', `The spec is ${spec.status.replace(/_/g, ' ')} and locked; POST .../revise opens the next version as a draft`, { state: spec.status });
  }
}

// Run by every content save of a spec whose footer has a Reviewers field: built and compiled once.
const reviewerNamesQuery = reusableQuery((db: Kysely<DB>, specId: string) =>
  db
    .selectFrom('specReviewers')
    .innerJoin('users', 'users.id', 'specReviewers.userId')
    .select('users.name')
    .where('specReviewers.versionId', '=', (eb) => eb.selectFrom('specVersions').select('id').where('specId', '=', specId).orderBy('number', 'desc').limit(1))
    .orderBy('specReviewers.assignedAt')
    .orderBy('specReviewers.id'),
);

/** Names of the reviewers of the spec's newest version, as the Reviewers field lists them (one query). */
async function currentReviewerNames(ctx: ActorCtx, specId: string): Promise<string> {
  const { rows } = await reviewerNamesQuery(ctx.deps.db, specId);
  return rows.map((r) => r.name).join(', ');
}

/** A managed footer field whose hand-edited value the server replaced. */
export interface FooterReplacement {
  readonly field: FooterKey;
  readonly submitted: string;
  readonly value: string;
}

/**
 * Replaces hand edits of the managed footer fields present in `doc` with the real values (Last
 * Updated becomes today), re-linting when the text changed. Only fields the writer changed from the
 * previous revision are reported.
 */
export async function keepFooterTrue(ctx: ActorCtx, spec: SpecMeta, analysis: Analysis): Promise<{ analysis: Analysis; replaced: FooterReplacement[] }> {
  const { doc } = analysis;
  const fields = doc.footer?.fields;
  if (fields === undefined) return { analysis, replaced: [] };
  const truth: ManagedValues = {
    status: STATUS_WORDS[spec.status as LifecycleState] ?? spec.status,
    author: spec.authorName,
    lastUpdated: ctx.deps.clock.now().toISOString().slice(0, 10),
  };
  // Content can only change while unlocked, and only approved versions have an approval date.
  if (fields.approvalDate !== undefined) truth.approvalDate = '';
  if (fields.reviewers !== undefined) truth.reviewers = await currentReviewerNames(ctx, spec.id);
  const previous = revisionCache(ctx.deps.db).get(spec.id, spec.revision)?.doc.footer?.fields;
  const replaced: FooterReplacement[] = [];
  for (const [key, value] of Object.entries(truth) as [FooterKey, string][]) {
    const field = fields[key];
    if (field === undefined || field.value === value) continue;
    // Last Updated moving to today is the server's doing, not a hand edit.
    const touched = key !== 'lastUpdated' || (previous !== undefined && previous.lastUpdated?.value !== field.value);
    if (touched) replaced.push({ field: key, submitted: field.value, value });
  }
  const next = applyManagedValues(doc, truth, []);
  if (next.source === doc.source) return { analysis, replaced };
  const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
  return { analysis: analyzeDocument(next, template), replaced };
}

// Run by every content save: built and compiled once.
const liveApprovals = reusableQuery((db: Kysely<DB>, specId: string) =>
  db.selectFrom('specReviews').select(['id', 'reviewerId', 'revision', 'contentHash']).where('specId', '=', specId).where('dismissedAt', 'is', null).where('verdict', '=', 'approved'),
);

/**
 * Inside the commit's transaction: live approvals pinned to another content hash become stale
 * (dismissed), and the dismissal is audited. Footer-only changes keep the hash, so they keep them.
 */
export async function dismissStaleApprovals(trx: Transaction<DB>, ctx: ActorCtx, spec: SpecMeta, doc: SpecDocument): Promise<void> {
  // Live approvals first, the hash only when there are some: most saves are of specs nobody has
  // approved, and hashing the whole text (pure-JS SHA-256) cost more than the rest of this check.
  const { rows: live } = await liveApprovals(trx, spec.id);
  if (live.length === 0) return;
  const hash = approvalHash(doc);
  const stale = live.filter((r) => r.contentHash !== hash);
  if (stale.length === 0) return;
  const now = ctx.deps.clock.now().toISOString();
  await trx.updateTable('specReviews').set({ dismissedAt: now }).where('id', 'in', stale.map((s) => s.id)).execute();
  await recordAudit(trx, ctx, {
    workspaceId: spec.workspaceId,
    action: 'review.approvals_dismissed',
    targetType: 'spec',
    targetId: spec.id,
    before: { approvals: stale.map((s) => ({ reviewerId: s.reviewerId, revision: s.revision })) },
    after: { reason: 'content changed', contentHash: hash },
  });
}
