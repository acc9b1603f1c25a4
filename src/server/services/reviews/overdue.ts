import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';

/**
 * Reviewer rows whose review is overdue at `nowIso`: of a version in review, past the due date,
 * without a live (undismissed) verdict on that version. The one definition behind list flags,
 * the waiting list and reminders; callers add their own columns and filters.
 */
export function overdueReviewers(db: Kysely<DB>, nowIso: string) {
  return db
    .selectFrom('specReviewers')
    .innerJoin('specVersions', 'specVersions.id', 'specReviewers.versionId')
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
    );
}

/** Which of these specs have an overdue review (one query, for flagging a page of a list). */
export async function specsWithOverdueReviews(db: Kysely<DB>, specIds: readonly string[], nowIso: string): Promise<Set<string>> {
  if (specIds.length === 0) return new Set();
  const rows = await overdueReviewers(db, nowIso).select('specReviewers.specId').distinct().where('specReviewers.specId', 'in', specIds).execute();
  return new Set(rows.map((r) => r.specId));
}
