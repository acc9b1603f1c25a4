import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';

/**
 * Which of these specs have an overdue review: a reviewer of the version in review, past the due
 * date, without a live verdict. One query, for flagging a page of a list.
 */
export async function specsWithOverdueReviews(db: Kysely<DB>, specIds: readonly string[], nowIso: string): Promise<Set<string>> {
  if (specIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('specReviewers')
    .innerJoin('specVersions', 'specVersions.id', 'specReviewers.versionId')
    .select('specReviewers.specId')
    .distinct()
    .where('specReviewers.specId', 'in', specIds)
    .where('specVersions.status', '=', 'in_review')
    .where('specReviewers.dueAt', '<', nowIso)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('specReviews')
            .select('specReviews.id')
            .whereRef('specReviews.versionId', '=', 'specReviewers.versionId')
            .whereRef('specReviews.reviewerId', '=', 'specReviewers.userId')
            .where('specReviews.dismissedAt', 'is', null),
        ),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.specId));
}
