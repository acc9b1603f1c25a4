// Review insights beyond the figures of reviewMetrics: the overdue reviews of a workspace.
import { listOverdueReviews } from '../../../services/reviews/index.js';
import type { Domain } from '../domain.js';
import { operation } from '../operation.js';

export const insightsDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "A reviewer past their due date without a verdict on the version in review."
    type OverdueReview { key: String! number: Int! title: String! version: Int! reviewer: Person! role: String! dueAt: String! overdueMs: Float! }
  `,
  query: /* GraphQL */ `
    "Overdue reviews, most overdue first (at most 200)."
    overdueReviews(workspace: String!): [OverdueReview!]!
  `,
  operations: [
    operation({
      field: 'Query.overdueReviews',
      rest: 'GET /workspaces/:ws/reviews/overdue',
      request: (args: { workspace: string }) => ({ params: { ws: args.workspace } }),
      run: async (ctx, r) => (await listOverdueReviews(ctx, r.params.ws)).items,
    }),
  ],
};
