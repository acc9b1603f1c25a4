import type { Selectable } from 'kysely';
import type { SpecReviewersTable } from '../../db/index.js';
import { authorize, specPolicy, type ReviewResource, type Rule } from '../../policies/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { loadSpec, type LoadedSpec, type SpecLocator, type SpecMeta } from '../specs/load.js';
import { currentVersion, type VersionRow } from './versions.js';

export type ReviewerRow = Selectable<SpecReviewersTable>;

/** A spec as the review workflow sees it: its current version and that version's reviewers. */
export interface ReviewTarget {
  readonly loaded: LoadedSpec;
  readonly spec: SpecMeta;
  readonly version: VersionRow;
  readonly reviewers: readonly ReviewerRow[];
  readonly resource: ReviewResource;
}

/**
 * Loads the spec (outsiders get 404 as everywhere), its current version and reviewers, then
 * checks the workflow rule with the actor's part in it (author, reviewer).
 */
export async function loadReviewTarget(ctx: ActorCtx, locator: SpecLocator, rule: Rule<ReviewResource>): Promise<ReviewTarget> {
  const loaded = await loadSpec(ctx, locator, specPolicy.read, { labels: true });
  const { spec } = loaded;
  const version = await currentVersion(ctx.deps.db, spec, nowIso(ctx.deps));
  const reviewers = await ctx.deps.db.selectFrom('specReviewers').selectAll().where('versionId', '=', version.id).orderBy('assignedAt').orderBy('id').execute();
  const resource: ReviewResource = {
    role: loaded.role,
    isAuthor: spec.authorId === ctx.actor.userId,
    isReviewer: reviewers.some((r) => r.userId === ctx.actor.userId),
  };
  authorize(ctx.actor, rule, resource, 'Spec');
  return { loaded, spec, version, reviewers, resource };
}
