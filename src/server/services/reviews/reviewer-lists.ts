import type { ReviewerRole } from '../../db/index.js';
import { can, reviewPolicy } from '../../policies/index.js';
import type { ActorCtx } from '../context.js';

/** A reviewer of a spec's current version, as lists show it. */
export interface ReviewerListEntry {
  readonly user: { readonly id: string; readonly name: string };
  readonly role: ReviewerRole;
  readonly dueAt: string | null;
  readonly assignedAt: string;
}

/**
 * The reviewers of the current version of many specs in one query (GraphQL lists), keyed by spec
 * id. Specs the actor may not read (another workspace, deleted or unknown) get an empty list, as
 * do specs without a version yet. Author and reviewer parts play no role in reading.
 */
export async function reviewersOfSpecs(ctx: ActorCtx, specIds: readonly string[]): Promise<Map<string, ReviewerListEntry[]>> {
  const out = new Map<string, ReviewerListEntry[]>(specIds.map((id) => [id, []]));
  if (specIds.length === 0) return out;
  const rows = await ctx.deps.db
    .selectFrom('specReviewers')
    .innerJoin('specVersions', 'specVersions.id', 'specReviewers.versionId')
    .innerJoin('specs', 'specs.id', 'specReviewers.specId')
    .innerJoin('memberships', (join) => join.onRef('memberships.workspaceId', '=', 'specs.workspaceId').on('memberships.userId', '=', ctx.actor.userId))
    .innerJoin('users', 'users.id', 'specReviewers.userId')
    .select(['specReviewers.specId', 'specReviewers.role', 'specReviewers.dueAt', 'specReviewers.assignedAt', 'users.id as userId', 'users.name as userName', 'memberships.role as actorRole'])
    .where('specReviewers.specId', 'in', [...specIds])
    .where('specs.deletedAt', 'is', null)
    // The current version is the newest one.
    .where((eb) => eb('specVersions.number', '=', eb.selectFrom('specVersions as newest').select((n) => n.fn.max('newest.number').as('n')).whereRef('newest.specId', '=', 'specReviewers.specId')))
    .orderBy('specReviewers.assignedAt')
    .orderBy('specReviewers.id')
    .execute();
  for (const row of rows) {
    if (!can(ctx.actor, reviewPolicy.read, { role: row.actorRole, isAuthor: false, isReviewer: false })) continue;
    out.get(row.specId)?.push({ user: { id: row.userId, name: row.userName }, role: row.role, dueAt: row.dueAt, assignedAt: row.assignedAt });
  }
  return out;
}
