import { reviewPolicy } from '../../policies/index.js';
import { AppError } from '../../errors/index.js';
import { recordAudit } from '../audit.js';
import type { ActorCtx } from '../context.js';
import { notify } from '../notifications/index.js';
import { newId } from '../secrets.js';
import { loadSpec, type SpecLocator } from '../specs/load.js';
import { specPolicy } from '../../policies/index.js';
import { reviewTruth, writeStatusAndFooter } from './footer.js';
import { loadReviewTarget } from './target.js';
import { cacheFooterRevision, invalidTransition, requireTransition, runStep } from './transition.js';
import { reviewView, type ReviewView } from './view.js';
import { lockVersion } from './versions.js';
import { recordEvents, specEvent, transitionEvents } from '../../events/write.js';

async function viewAfter(ctx: ActorCtx, locator: SpecLocator, transition: ReviewView['transition']): Promise<ReviewView> {
  const fresh = await loadReviewTarget(ctx, locator, reviewPolicy.read);
  return reviewView(ctx, fresh.spec, fresh.version, fresh.reviewers, transition);
}

/** The author or an editor asks the assigned reviewers for a verdict (draft or changes requested → in review). */
export async function requestReview(ctx: ActorCtx, locator: SpecLocator): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.requestReview);
  const { transition } = await runStep(ctx, target, async (trx, version, now) => {
    requireTransition(version.status, 'request_review');
    await notify(trx, {
      workspaceId: target.spec.workspaceId,
      userIds: target.reviewers.map((r) => r.userId),
      kind: 'review_requested',
      specId: target.spec.id,
      actorId: ctx.actor.userId,
      details: { version: version.number },
      at: now,
    });
    return { result: null, transition: { action: 'request_review', patch: { requestedAt: now, firstRequestedAt: version.firstRequestedAt ?? now } } };
  });
  return viewAfter(ctx, locator, transition);
}

/** The author withdraws the spec (from draft, in review or changes requested). */
export async function withdrawSpec(ctx: ActorCtx, locator: SpecLocator): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.withdraw);
  const { transition } = await runStep(ctx, target, (_trx, version) => {
    requireTransition(version.status, 'withdraw');
    return Promise.resolve({ result: null, transition: { action: 'withdraw' } });
  });
  return viewAfter(ctx, locator, transition);
}

/**
 * Supersedes an approved version by another spec of the workspace; both show the link (this one
 * `supersededBy`, the other `supersedes`).
 */
export async function supersedeSpec(ctx: ActorCtx, locator: SpecLocator, by: string): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.supersede);
  const replacement = await loadSpec(ctx, { workspace: target.spec.workspaceId, spec: by }, specPolicy.read);
  if (replacement.spec.id === target.spec.id) throw new AppError('invalid_supersede', 'A spec cannot supersede itself');
  const { transition } = await runStep(ctx, target, (_trx, version) => {
    requireTransition(version.status, 'supersede');
    return Promise.resolve({ result: null, transition: { action: 'supersede', patch: { supersededBy: replacement.spec.id } } });
  });
  return viewAfter(ctx, locator, transition);
}

/**
 * Revises approved version N: N stays approved and readable; version N+1 opens as a draft with
 * the same content and reviewers (no verdicts), and the lock is lifted.
 */
export async function reviseSpec(ctx: ActorCtx, locator: SpecLocator): Promise<ReviewView> {
  const target = await loadReviewTarget(ctx, locator, reviewPolicy.revise);
  const { spec } = target;
  const now = ctx.deps.clock.now().toISOString();
  let footer: Awaited<ReturnType<typeof writeStatusAndFooter>> = null;
  const record = await ctx.deps.db.transaction().execute(async (trx) => {
    const version = await lockVersion(trx, target.version.id, now);
    const newest = await trx.selectFrom('specVersions').select('number').where('specId', '=', spec.id).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
    if (newest.number !== version.number) throw invalidTransition('draft', 'revise');
    const to = requireTransition(version.status, 'revise');
    const { revision } = await trx.selectFrom('specs').select('revision').where('id', '=', spec.id).executeTakeFirstOrThrow();
    const next = {
      id: newId(),
      specId: spec.id,
      number: version.number + 1,
      status: to,
      startRevision: revision + 1,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('specVersions').values(next).execute();
    const reviewers = await trx.selectFrom('specReviewers').selectAll().where('versionId', '=', version.id).execute();
    for (const r of reviewers) {
      await trx
        .insertInto('specReviewers')
        .values({ id: newId(), versionId: next.id, specId: spec.id, userId: r.userId, role: r.role, dueAt: null, assignedBy: ctx.actor.userId, assignedAt: now, remindedAt: null })
        .execute();
    }
    const created = await trx.selectFrom('specVersions').selectAll().where('id', '=', next.id).executeTakeFirstOrThrow();
    footer = await writeStatusAndFooter(trx, ctx, spec.id, to, await reviewTruth(trx, to, created), `Version ${next.number} opened (server footer update)`);
    const transition = { action: 'revise' as const, from: 'approved' as const, to, version: next.number, revision: footer?.revision ?? null };
    await recordAudit(trx, ctx, {
      workspaceId: spec.workspaceId,
      action: 'spec.revise',
      targetType: 'spec',
      targetId: spec.id,
      before: { status: version.status, version: version.number },
      after: { status: to, version: next.number, revision: transition.revision },
    });
    await recordEvents(trx, [...transitionEvents(ctx, spec, transition), specEvent(ctx, spec, 'version.opened', { version: next.number, status: to })]);
    return transition;
  });
  cacheFooterRevision(ctx, footer);
  return viewAfter(ctx, locator, record);
}
