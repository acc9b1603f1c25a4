import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/index.js';

/**
 * List filters on reviewers, kept out of list.ts so its query stays readable: each is one EXISTS
 * on spec_reviewers (indexed by spec), evaluated only for the rows the other filters let through.
 */

/** `userId` is a reviewer of the spec's current (newest) version. */
export function hasReviewer(eb: ExpressionBuilder<DB, 'specs'>, userId: string) {
  return eb.exists(
    eb
      .selectFrom('specReviewers')
      .innerJoin('specVersions', 'specVersions.id', 'specReviewers.versionId')
      .select('specReviewers.id')
      .whereRef('specReviewers.specId', '=', 'specs.id')
      .where('specReviewers.userId', '=', userId)
      .where((inner) => inner('specVersions.number', '=', inner.selectFrom('specVersions as newest').select((n) => n.fn.max('newest.number').as('n')).whereRef('newest.specId', '=', 'specs.id'))),
  );
}

/** `userId` is a reviewer of the version in review and has no live verdict on it: their review is awaited. */
export function awaitsReviewBy(eb: ExpressionBuilder<DB, 'specs'>, userId: string) {
  return eb.exists(
    eb
      .selectFrom('specReviewers')
      .innerJoin('specVersions', 'specVersions.id', 'specReviewers.versionId')
      .select('specReviewers.id')
      .whereRef('specReviewers.specId', '=', 'specs.id')
      .where('specReviewers.userId', '=', userId)
      .where('specVersions.status', '=', 'in_review')
      .where((inner) =>
        inner.not(
          inner.exists(
            inner
              .selectFrom('specReviews')
              .select('specReviews.id')
              .whereRef('specReviews.versionId', '=', 'specReviewers.versionId')
              .whereRef('specReviews.reviewerId', '=', 'specReviewers.userId')
              .where('specReviews.dismissedAt', 'is', null),
          ),
        ),
      ),
  );
}
