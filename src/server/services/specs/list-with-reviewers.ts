import type { ActorCtx } from '../context.js';
import type { Page } from '../pagination.js';
import { reviewersOfSpecs, type ReviewerListEntry } from '../reviews/reviewer-lists.js';
import { listSpecs, type ListSpecsQuery, type SpecListItem } from './list.js';

/** A spec list page with each spec's current reviewers: one more query for the whole page (asked for with include=reviewers). */
export async function listSpecsWithReviewers(ctx: ActorCtx, workspaceRef: string, query: ListSpecsQuery): Promise<Page<SpecListItem & { readonly reviewers: ReviewerListEntry[] }>> {
  const page = await listSpecs(ctx, workspaceRef, query);
  const reviewers = await reviewersOfSpecs(ctx, page.items.map((s) => s.id));
  return { ...page, items: page.items.map((s) => ({ ...s, reviewers: reviewers.get(s.id) ?? [] })) };
}
