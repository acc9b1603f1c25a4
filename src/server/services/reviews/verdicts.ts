import type { Transaction } from 'kysely';
import { approvalHash, parse } from '../../../core/index.js';
import type { DB, Verdict } from '../../db/index.js';
import { AppError, BadRequestError, ValidationError } from '../../errors/index.js';
import { reviewPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import type { ActorCtx } from '../context.js';
import { notify } from '../notifications/index.js';
import { newId, verifyPassword } from '../secrets.js';
import type { SpecLocator } from '../specs/load.js';
import { evaluateGate } from './approval-gate.js';
import { effectivePolicy, workspaceSettings } from './policy.js';
import { loadReviewTarget, type ReviewTarget } from './target.js';
import { invalidTransition, runStep } from './transition.js';
import { currentApprovers, reviewView, type ReviewView } from './view.js';
import type { VersionRow } from './versions.js';
import { recordEvent, specEvent } from '../../events/write.js';

export interface VerdictInput {
  /** Decision summary (required to reject: the reason). */
  readonly summary?: string | undefined;
  /** Signed approval: the approver's password. */
  readonly password?: string | undefined;
}

interface Signature {
  readonly signedAt: string;
  readonly meaning: string;
}

/** The workspace's signature requirement: the password is checked before anything is written. */
async function signatureFor(ctx: ActorCtx, target: ReviewTarget, password: string | undefined): Promise<Signature | null> {
  const settings = await workspaceSettings(ctx.deps.db, target.spec.workspaceId);
  if (!settings.signedApproval) return null;
  if (password === undefined || password === '') throw new BadRequestError('signature_required', 'This workspace signs approvals: send your password as "password"');
  const row = await ctx.deps.db.selectFrom('users').select('passwordHash').where('id', '=', ctx.actor.userId).executeTakeFirst();
  if (row === undefined || !(await verifyPassword(row.passwordHash, password))) throw new BadRequestError('wrong_password', 'The password is not yours; the approval was not signed');
  return { signedAt: ctx.deps.clock.now().toISOString(), meaning: settings.signatureMeaning };
}

/** The spec's content inside the transaction: revision, hash and lint errors as stored now. */
async function contentNow(trx: Transaction<DB>, specId: string): Promise<{ revision: number; hash: string; lintErrors: number }> {
  const row = await trx.selectFrom('specs').select(['content', 'revision', 'lintErrors']).where('id', '=', specId).executeTakeFirstOrThrow();
  return { revision: row.revision, hash: approvalHash(parse(row.content)), lintErrors: row.lintErrors };
}

/** Records a verdict; the reviewer's earlier live verdicts on this version give way to it. */
async function recordVerdict(
  trx: Transaction<DB>,
  ctx: ActorCtx,
  target: ReviewTarget,
  version: VersionRow,
  verdict: Verdict,
  content: { revision: number; hash: string },
  summary: string | null,
  signature: Signature | null,
  now: string,
): Promise<void> {
  const reviewerId = ctx.actor.userId;
  await trx.updateTable('specReviews').set({ dismissedAt: now }).where('versionId', '=', version.id).where('reviewerId', '=', reviewerId).where('dismissedAt', 'is', null).execute();
  await trx
    .insertInto('specReviews')
    .values({
      id: newId(),
      versionId: version.id,
      specId: target.spec.id,
      reviewerId,
      verdict,
      revision: content.revision,
      contentHash: content.hash,
      summary,
      signedAt: signature?.signedAt ?? null,
      signatureMeaning: signature?.meaning ?? null,
      createdAt: now,
    })
    .execute();
  await recordAudit(trx, ctx, {
    workspaceId: target.spec.workspaceId,
    action: `review.${verdict}`,
    targetType: 'spec',
    targetId: target.spec.id,
    after: {
      version: version.number,
      revision: content.revision,
      contentHash: content.hash,
      summary,
      ...(signature === null ? {} : { signature: { signedBy: reviewerId, signedAt: signature.signedAt, contentHash: content.hash, meaning: signature.meaning } }),
    },
  });
  await recordEvent(trx, specEvent(ctx, target.spec, 'review.submitted', { version: version.number, reviewerId, verdict, revision: content.revision }));
  await notify(trx, {
    workspaceId: target.spec.workspaceId,
    userIds: [target.spec.authorId],
    kind: 'verdict',
    specId: target.spec.id,
    actorId: reviewerId,
    details: { verdict, version: version.number, summary },
    at: now,
  });
}

async function notifyDecision(trx: Transaction<DB>, target: ReviewTarget, actorId: string, decision: string, version: number, summary: string | null, now: string): Promise<void> {
  await notify(trx, {
    workspaceId: target.spec.workspaceId,
    userIds: [target.spec.authorId, ...target.reviewers.map((r) => r.userId)],
    kind: 'decision',
    specId: target.spec.id,
    actorId,
    details: { decision, version, summary },
    at: now,
  });
}

async function viewAfter(ctx: ActorCtx, locator: SpecLocator, transition: ReviewView['transition']): Promise<ReviewView> {
  const fresh = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return reviewView(ctx, fresh.spec, fresh.version, fresh.reviewers, transition);
}

/**
 * An assigned reviewer approves the current content. Blocking gate conditions (self-approval,
 * lint errors...) refuse it with the full list; otherwise the approval is recorded, and when the
 * gate is then open the version becomes approved and locked. Of two approvals at once, the second
 * may find the version approved already: it is recorded too, without a second transition.
 */
export async function approveSpec(ctx: ActorCtx, locator: SpecLocator, input: VerdictInput): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.verdict);
  const signature = await signatureFor(ctx, target, input.password);
  const summary = input.summary?.trim() === '' ? null : (input.summary?.trim() ?? null);
  const { transition } = await runStep(ctx, target, async (trx, version, now) => {
    const content = await contentNow(trx, target.spec.id);
    const verdicts = await trx.selectFrom('specReviews').selectAll().where('versionId', '=', version.id).execute();
    // Approved a moment ago by another reviewer (two approving at once): a reviewer without a live
    // verdict on it may still add their approval of the same content; no second transition.
    const concurring =
      version.status === 'approved' &&
      version.approvedHash === content.hash &&
      !verdicts.some((v) => v.reviewerId === ctx.actor.userId && v.dismissedAt === null);
    if (version.status !== 'in_review' && !concurring) throw invalidTransition(version.status, 'approve');
    const { effective } = await effectivePolicy(trx, target.spec.workspaceId, target.spec.id);
    const approverIds = [...new Set([...currentApprovers(verdicts, target.reviewers, content.hash), ctx.actor.userId])];
    const spec = { ...target.spec, lintErrors: content.lintErrors };
    const unmet = await evaluateGate({ db: trx, spec, version, policy: effective, reviewers: target.reviewers, approverIds, approverId: ctx.actor.userId });
    const blocking = unmet.filter((u) => u.blocking);
    if (blocking.length > 0) {
      throw new AppError('approval_blocked', `Approval refused: ${blocking.map((u) => u.message).join('; ')}`, { unmet });
    }
    await recordVerdict(trx, ctx, target, version, 'approved', content, summary, signature, now);
    if (concurring || unmet.length > 0) return { result: null, transition: null };
    const who = await trx.selectFrom('users').select('name').where('id', 'in', approverIds).orderBy('name').execute();
    const decisionSummary = summary ?? `Approved by ${who.map((u) => u.name).join(', ')}`;
    await notifyDecision(trx, target, ctx.actor.userId, 'approved', version.number, decisionSummary, now);
    return {
      result: null,
      transition: {
        action: 'approve',
        patch: { decidedAt: now, decidedBy: ctx.actor.userId, decisionSummary, decidedRevision: content.revision, approvedHash: content.hash },
      },
    };
  });
  return viewAfter(ctx, locator, transition);
}

/** An assigned reviewer asks for changes: the version goes back to the author. */
export async function requestChanges(ctx: ActorCtx, locator: SpecLocator, input: VerdictInput): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.verdict);
  const summary = input.summary?.trim() === '' ? null : (input.summary?.trim() ?? null);
  const { transition } = await runStep(ctx, target, async (trx, version, now) => {
    if (version.status !== 'in_review') throw invalidTransition(version.status, 'request_changes');
    const content = await contentNow(trx, target.spec.id);
    await recordVerdict(trx, ctx, target, version, 'changes_requested', content, summary, null, now);
    return { result: null, transition: { action: 'request_changes' } };
  });
  return viewAfter(ctx, locator, transition);
}

/** An assigned reviewer rejects the version; the reason is required and becomes the decision summary. */
export async function rejectSpec(ctx: ActorCtx, locator: SpecLocator, input: VerdictInput): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.verdict);
  const reason = input.summary?.trim() ?? '';
  if (reason === '') throw ValidationError.field('summary', 'required', 'a rejection needs a reason');
  const { transition } = await runStep(ctx, target, async (trx, version, now) => {
    if (version.status !== 'in_review') throw invalidTransition(version.status, 'reject');
    const content = await contentNow(trx, target.spec.id);
    await recordVerdict(trx, ctx, target, version, 'rejected', content, reason, null, now);
    await notifyDecision(trx, target, ctx.actor.userId, 'rejected', version.number, reason, now);
    return {
      result: null,
      transition: { action: 'reject', patch: { decidedAt: now, decidedBy: ctx.actor.userId, decisionSummary: reason, decidedRevision: content.revision } },
    };
  });
  return viewAfter(ctx, locator, transition);
}
