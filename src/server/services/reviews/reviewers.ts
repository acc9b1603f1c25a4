import type { Transaction } from 'kysely';
import type { DB, ReviewerRole } from '../../db/index.js';
import { AppError, NotFoundError } from '../../errors/index.js';
import { reviewPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import type { ActorCtx } from '../context.js';
import { notify } from '../notifications/index.js';
import { newId } from '../secrets.js';
import type { SpecLocator } from '../specs/load.js';
import { reviewTruth, writeStatusAndFooter, type FooterRevision } from './footer.js';
import { loadReviewTarget, type ReviewTarget } from './target.js';
import { cacheFooterRevision, invalidTransition } from './transition.js';
import { reviewView, type ReviewView } from './view.js';
import { lockVersion } from './versions.js';
import { recordEvent, specEvent } from '../../events/write.js';

/** States in which the reviewer list can still change. */
const OPEN_STATES: ReadonlySet<string> = new Set(['draft', 'in_review', 'changes_requested']);

export interface AssignReviewerInput {
  readonly role: ReviewerRole;
  /** When the verdict is due (ISO 8601); null: no due date. */
  readonly dueAt?: string | null | undefined;
}

async function changeReviewers(ctx: ActorCtx, target: ReviewTarget, change: (trx: Transaction<DB>, now: string) => Promise<void>): Promise<void> {
  const now = ctx.deps.clock.now().toISOString();
  let footer: FooterRevision | null = null;
  await ctx.deps.db.transaction().execute(async (trx) => {
    const version = await lockVersion(trx, target.version.id, now);
    if (!OPEN_STATES.has(version.status)) throw invalidTransition(version.status, 'assign_reviewers');
    await change(trx, now);
    // The Reviewers footer field follows the list (a server footer write).
    footer = await writeStatusAndFooter(trx, ctx, target.spec.id, version.status, await reviewTruth(trx, version.status, version), 'Reviewers updated (server footer update)');
  });
  cacheFooterRevision(ctx, footer);
}

/**
 * Assigns a member (any role) as a reviewer of the current version, or changes their role and
 * due date. A reviewer added while the version is in review is told so.
 */
export async function assignReviewer(ctx: ActorCtx, locator: SpecLocator, userId: string, input: AssignReviewerInput): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.assignReviewers);
  const { spec, version } = target;
  const member = await ctx.deps.db.selectFrom('memberships').select('role').where('workspaceId', '=', spec.workspaceId).where('userId', '=', userId).executeTakeFirst();
  if (member === undefined) throw new AppError('reviewer_not_member', 'Reviewers must be members of the workspace', { userId });
  const dueAt = input.dueAt === undefined || input.dueAt === null ? null : new Date(input.dueAt).toISOString();
  await changeReviewers(ctx, target, async (trx, now) => {
    const existing = await trx.selectFrom('specReviewers').selectAll().where('versionId', '=', version.id).where('userId', '=', userId).executeTakeFirst();
    if (existing === undefined) {
      await trx.insertInto('specReviewers').values({ id: newId(), versionId: version.id, specId: spec.id, userId, role: input.role, dueAt, assignedBy: ctx.actor.userId, assignedAt: now, remindedAt: null }).execute();
    } else {
      // A new due date earns a new reminder.
      await trx.updateTable('specReviewers').set({ role: input.role, dueAt, remindedAt: dueAt === existing.dueAt ? existing.remindedAt : null }).where('id', '=', existing.id).execute();
    }
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: existing === undefined ? 'review.reviewer_assigned' : 'review.reviewer_changed',
      targetType: 'spec',
      targetId: spec.id,
      before: existing === undefined ? undefined : { userId, role: existing.role, dueAt: existing.dueAt },
      after: { userId, role: input.role, dueAt, version: version.number },
    });
    if (existing === undefined && version.status === 'in_review') {
      await notify(trx, { workspaceId: spec.workspaceId, userIds: [userId], kind: 'review_requested', specId: spec.id, actorId: ctx.actor.userId, details: { version: version.number }, at: now });
      await recordEvent(trx, specEvent(ctx, spec, 'review.requested', { version: version.number, reviewerId: userId }));
    }
  });
  const fresh = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return reviewView(ctx, fresh.spec, fresh.version, fresh.reviewers);
}

/** Removes a reviewer from the current version; their approval no longer counts. */
export async function removeReviewer(ctx: ActorCtx, locator: SpecLocator, userId: string): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.assignReviewers);
  const { spec, version } = target;
  const existing = target.reviewers.find((r) => r.userId === userId);
  if (existing === undefined) throw new NotFoundError('Reviewer');
  await changeReviewers(ctx, target, async (trx) => {
    await trx.deleteFrom('specReviewers').where('id', '=', existing.id).execute();
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: 'review.reviewer_removed',
      targetType: 'spec',
      targetId: spec.id,
      before: { userId, role: existing.role, dueAt: existing.dueAt, version: version.number },
    });
  });
  const fresh = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return reviewView(ctx, fresh.spec, fresh.version, fresh.reviewers);
}

/** The review state of the spec's current version. */
export async function getReview(ctx: ActorCtx, locator: SpecLocator): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return reviewView(ctx, target.spec, target.version, target.reviewers);
}
