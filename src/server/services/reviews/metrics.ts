import { authorize, workspacePolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';
import { specKey } from '../specs/refs.js';
import { workspaceAccess } from '../workspace-access.js';
import { overdueReviewers } from './overdue.js';

export interface WaitingSpec {
  readonly key: string;
  readonly title: string;
  readonly version: number;
  readonly requestedAt: string;
  readonly waitingMs: number;
  /** Reviewers past their due date without a verdict. */
  readonly overdueReviewers: string[];
  readonly overdue: boolean;
}

export interface ReviewMetrics {
  /** Median time from first review request to decision over decided versions (null: none yet). */
  readonly medianTimeToDecisionMs: number | null;
  readonly decidedCount: number;
  /** Specs in review, longest waiting first. */
  readonly waiting: WaitingSpec[];
}

const MAX_WAITING = 50;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The workspace's review figures: median time to decision and the specs waiting longest (overdue flagged). */
export async function reviewMetrics(ctx: ActorCtx, workspaceRef: string): Promise<ReviewMetrics> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, workspacePolicy.read, access);
  const db = ctx.deps.db;
  const now = ctx.deps.clock.now();
  const decided = await db
    .selectFrom('specVersions')
    .innerJoin('specs', 'specs.id', 'specVersions.specId')
    .select(['specVersions.firstRequestedAt', 'specVersions.decidedAt'])
    .where('specs.workspaceId', '=', access.workspace.id)
    .where('specs.deletedAt', 'is', null)
    .where('specVersions.decidedAt', 'is not', null)
    .where('specVersions.firstRequestedAt', 'is not', null)
    .execute();
  const durations = decided.map((d) => Date.parse(d.decidedAt ?? '') - Date.parse(d.firstRequestedAt ?? ''));
  const waitingRows = await db
    .selectFrom('specVersions')
    .innerJoin('specs', 'specs.id', 'specVersions.specId')
    .select(['specVersions.id', 'specVersions.number as version', 'specVersions.requestedAt', 'specs.number', 'specs.title'])
    .where('specs.workspaceId', '=', access.workspace.id)
    .where('specs.deletedAt', 'is', null)
    .where('specVersions.status', '=', 'in_review')
    .orderBy('specVersions.requestedAt')
    .orderBy('specVersions.id')
    .limit(MAX_WAITING)
    .execute();
  const ids = waitingRows.map((w) => w.id);
  const reviewers = ids.length === 0 ? [] : await overdueReviewers(db, now.toISOString())
    .select(['specReviewers.versionId', 'specReviewers.userId'])
    .where('specReviewers.versionId', 'in', ids)
    .execute();
  return {
    medianTimeToDecisionMs: median(durations),
    decidedCount: durations.length,
    waiting: waitingRows.map((w) => {
      const overdueReviewers = reviewers.filter((r) => r.versionId === w.id).map((r) => r.userId);
      const requestedAt = w.requestedAt ?? now.toISOString();
      return {
        key: specKey(access.workspace.key, w.number),
        title: w.title,
        version: w.version,
        requestedAt,
        waitingMs: now.getTime() - Date.parse(requestedAt),
        overdueReviewers,
        overdue: overdueReviewers.length > 0,
      };
    }),
  };
}
