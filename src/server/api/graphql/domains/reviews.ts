// The review workflow: review state, reviewers, versions, transitions and policy.
import type { ReviewerRole } from '../../../db/index.js';
import {
  approveSpec, assignReviewer, getReview, getSpecReviewPolicy, getVersion, getWorkspaceReviewSettings, listVersions, rejectSpec, removeReviewer, requestChanges, requestReview,
  reviewersOfSpecs, reviewMetrics, reviseSpec, setSpecReviewPolicy, setWorkspaceReviewSettings, supersedeSpec, withdrawSpec,
  type PolicyOverride, type ReviewView, type VerdictInput, type WorkspaceReviewSettings,
} from '../../../services/reviews/index.js';
import type { ActorCtx } from '../../../services/context.js';
import type { SpecLocator } from '../../../services/specs/index.js';
import type { Domain } from '../domain.js';
import { batchOperation, given, operation, type Operation } from '../operation.js';
import { specParams, type SpecNode } from './specs.js';

type SpecArgs = { workspace: string; spec: string };
type Verdict = { summary?: string | null; password?: string | null };
const locator = (p: { ws: string; spec: string }) => ({ workspace: p.ws, spec: p.spec });
const SPEC = '/workspaces/:ws/specs/:spec';

/** A bodiless workflow transition on a spec. */
function transition(field: string, rest: string, run: (ctx: ActorCtx, locator: SpecLocator) => Promise<ReviewView>): Operation {
  return operation({ field, rest, request: ({ workspace, spec }: SpecArgs) => ({ params: { ws: workspace, spec } }), run: (ctx, r) => run(ctx, locator(r.params)) });
}

/** A verdict (approve, request changes, reject) with its optional summary and signature. */
function verdict(field: string, rest: string, run: (ctx: ActorCtx, locator: SpecLocator, input: VerdictInput) => Promise<ReviewView>): Operation {
  return operation({
    field,
    rest,
    request: ({ workspace, spec, ...body }: SpecArgs & Verdict) => ({ params: { ws: workspace, spec }, body: given(body) }),
    run: (ctx, r) => run(ctx, locator(r.params), r.body),
  });
}

export const reviewDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "A reviewer of the spec's current version."
    type Reviewer { user: Person! role: String! dueAt: String assignedAt: String! }

    extend type Spec {
      "The current version's review state and what approval still needs (docs/reviews.md)."
      review: JSON!
      "Reviewers of the current version (batched across a list of specs)."
      reviewers: [Reviewer!]!
      "Versions, oldest first."
      versions: JSON!
      "One version: status, decision, reviewers, verdicts and its content."
      version(number: Int!): JSON!
      "Review policy: workspace default, this spec's override, effective."
      reviewPolicy: JSON!
    }
  `,
  query: /* GraphQL */ `
    "The workspace's default review policy and signature setting."
    reviewPolicy(workspace: String!): JSON!
    "Review figures: median time to decision, specs waiting longest."
    reviewMetrics(workspace: String!): JSON!
  `,
  mutation: /* GraphQL */ `
    "Draft or changes requested -> in review. Answers the review state."
    requestReview(workspace: String!, spec: String!): JSON!
    "Approve the current content (password: signed approval)."
    approveSpec(workspace: String!, spec: String!, summary: String, password: String): JSON!
    requestChanges(workspace: String!, spec: String!, summary: String, password: String): JSON!
    rejectSpec(workspace: String!, spec: String!, summary: String!): JSON!
    withdrawSpec(workspace: String!, spec: String!): JSON!
    reviseSpec(workspace: String!, spec: String!): JSON!
    "Mark the approved version superseded by another spec (number, key or id)."
    supersedeSpec(workspace: String!, spec: String!, by: String!): JSON!
    "Assign a member as reviewer (role: required or optional), or change role and due date."
    assignReviewer(workspace: String!, spec: String!, userId: ID!, role: String!, dueAt: String): JSON!
    removeReviewer(workspace: String!, spec: String!, userId: ID!): JSON!
    "Change the workspace's default review policy (the REST body's fields)."
    setWorkspaceReviewPolicy(workspace: String!, policy: JSON!): JSON!
    "Override the review policy of one spec (null clears a field)."
    setSpecReviewPolicy(workspace: String!, spec: String!, override: JSON!): JSON!
  `,
  operations: [
    operation({ field: 'Spec.review', rest: `GET ${SPEC}/review`, request: (_args: unknown, spec: SpecNode) => ({ params: specParams(spec) }), run: (ctx, r) => getReview(ctx, locator(r.params)) }),
    operation({ field: 'Spec.versions', rest: `GET ${SPEC}/versions`, request: (_args: unknown, spec: SpecNode) => ({ params: specParams(spec) }), run: async (ctx, r) => ({ items: await listVersions(ctx, locator(r.params)) }) }),
    operation({
      field: 'Spec.version',
      rest: `GET ${SPEC}/versions/:version`,
      request: (args: { number: number }, spec: SpecNode) => ({ params: { ...specParams(spec), version: args.number } }),
      run: (ctx, r) => getVersion(ctx, locator(r.params), r.params.version),
    }),
    operation({ field: 'Spec.reviewPolicy', rest: `GET ${SPEC}/review-policy`, request: (_args: unknown, spec: SpecNode) => ({ params: specParams(spec) }), run: (ctx, r) => getSpecReviewPolicy(ctx, locator(r.params)) }),
    operation({ field: 'Query.reviewPolicy', rest: 'GET /workspaces/:ws/review-policy', request: (args: { workspace: string }) => ({ params: { ws: args.workspace } }), run: (ctx, r) => getWorkspaceReviewSettings(ctx, r.params.ws) }),
    operation({ field: 'Query.reviewMetrics', rest: 'GET /workspaces/:ws/reviews', request: (args: { workspace: string }) => ({ params: { ws: args.workspace } }), run: (ctx, r) => reviewMetrics(ctx, r.params.ws) }),
    transition('Mutation.requestReview', `POST ${SPEC}/review/request`, requestReview),
    verdict('Mutation.approveSpec', `POST ${SPEC}/review/approve`, approveSpec),
    verdict('Mutation.requestChanges', `POST ${SPEC}/review/request-changes`, requestChanges),
    operation({
      field: 'Mutation.rejectSpec',
      rest: `POST ${SPEC}/review/reject`,
      request: ({ workspace, spec, summary }: SpecArgs & { summary: string }) => ({ params: { ws: workspace, spec }, body: { summary } }),
      run: (ctx, r) => rejectSpec(ctx, locator(r.params), r.body),
    }),
    transition('Mutation.withdrawSpec', `POST ${SPEC}/withdraw`, withdrawSpec),
    transition('Mutation.reviseSpec', `POST ${SPEC}/revise`, reviseSpec),
    operation({
      field: 'Mutation.supersedeSpec',
      rest: `POST ${SPEC}/supersede`,
      request: ({ workspace, spec, by }: SpecArgs & { by: string }) => ({ params: { ws: workspace, spec }, body: { by } }),
      run: (ctx, r) => supersedeSpec(ctx, locator(r.params), r.body.by),
    }),
    operation({
      field: 'Mutation.assignReviewer',
      rest: `PUT ${SPEC}/reviewers/:userId`,
      // dueAt: null clears the due date, as in REST; left out keeps none.
      request: ({ workspace, spec, userId, role, dueAt }: SpecArgs & { userId: string; role: string; dueAt?: string | null }) => ({
        params: { ws: workspace, spec, userId },
        body: dueAt === undefined ? { role } : { role, dueAt },
      }),
      run: (ctx, r) => assignReviewer(ctx, locator(r.params), r.params.userId, { role: r.body.role as ReviewerRole, dueAt: r.body.dueAt }),
    }),
    operation({
      field: 'Mutation.removeReviewer',
      rest: `DELETE ${SPEC}/reviewers/:userId`,
      request: ({ workspace, spec, userId }: SpecArgs & { userId: string }) => ({ params: { ws: workspace, spec, userId } }),
      run: (ctx, r) => removeReviewer(ctx, locator(r.params), r.params.userId),
    }),
    operation({
      field: 'Mutation.setWorkspaceReviewPolicy',
      rest: 'PATCH /workspaces/:ws/review-policy',
      request: ({ workspace, policy }: { workspace: string; policy: unknown }) => ({ params: { ws: workspace }, body: policy }),
      run: (ctx, r) => setWorkspaceReviewSettings(ctx, r.params.ws, r.body as Partial<WorkspaceReviewSettings>),
    }),
    operation({
      field: 'Mutation.setSpecReviewPolicy',
      rest: `PATCH ${SPEC}/review-policy`,
      request: ({ workspace, spec, override }: SpecArgs & { override: unknown }) => ({ params: { ws: workspace, spec }, body: override }),
      run: (ctx, r) => setSpecReviewPolicy(ctx, locator(r.params), r.body as PolicyOverride),
    }),
  ],
  batches: [
    // The reviewers of every spec in a list in one query (the review view's reviewers, lighter).
    batchOperation<SpecNode>({
      field: 'Spec.reviewers',
      rest: `GET ${SPEC}/review`,
      request: (spec) => ({ params: specParams(spec) }),
      run: async (ctx, specs) => {
        const lists = await reviewersOfSpecs(ctx, specs.map((s) => s.id));
        return specs.map((s) => lists.get(s.id) ?? []);
      },
    }),
  ],
};
