import { Type } from 'typebox';
import { getSpecReviewPolicy, getWorkspaceReviewSettings, listOverdueReviews, reviewMetrics, setSpecReviewPolicy, setWorkspaceReviewSettings } from '../../services/reviews/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Nullable, Strict, WorkspaceParams } from '../schemas.js';
import { SpecParams } from './spec-schemas.js';

const PolicyFields = {
  minApprovals: Type.Integer({ minimum: 0, maximum: 50 }),
  requireAllRequired: Type.Boolean(),
  authorCannotApprove: Type.Boolean(),
  lintClean: Type.Boolean(),
  noBlockingThreads: Type.Boolean(),
};
const PolicySchema = Type.Object(PolicyFields);
const SettingsSchema = Type.Object({ ...PolicyFields, signedApproval: Type.Boolean(), signatureMeaning: Type.String() });
const SettingsBody = Type.Object(
  {
    minApprovals: Type.Optional(PolicyFields.minApprovals),
    requireAllRequired: Type.Optional(Type.Boolean()),
    authorCannotApprove: Type.Optional(Type.Boolean()),
    lintClean: Type.Optional(Type.Boolean()),
    noBlockingThreads: Type.Optional(Type.Boolean()),
    signedApproval: Type.Optional(Type.Boolean()),
    signatureMeaning: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  Strict,
);
const OverrideBody = Type.Object(
  {
    minApprovals: Type.Optional(Nullable(PolicyFields.minApprovals)),
    requireAllRequired: Type.Optional(Nullable(Type.Boolean())),
    authorCannotApprove: Type.Optional(Nullable(Type.Boolean())),
    lintClean: Type.Optional(Nullable(Type.Boolean())),
    noBlockingThreads: Type.Optional(Nullable(Type.Boolean())),
  },
  Strict,
);
const EffectiveSchema = Type.Object({ workspace: SettingsSchema, override: Type.Partial(PolicySchema), effective: PolicySchema });
const MetricsSchema = Type.Object({
  medianTimeToDecisionMs: Nullable(Type.Number()),
  decidedCount: Type.Integer(),
  waiting: Type.Array(
    Type.Object({
      key: Type.String(),
      title: Type.String(),
      version: Type.Integer(),
      requestedAt: Type.String(),
      waitingMs: Type.Number(),
      overdueReviewers: Type.Array(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
});

const OverdueSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      number: Type.Integer(),
      title: Type.String(),
      version: Type.Integer(),
      reviewer: Type.Object({ id: Type.String(), name: Type.String() }),
      role: Type.String(),
      dueAt: Type.String(),
      overdueMs: Type.Number(),
    }),
  ),
});

export function reviewPolicyRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/review-policy',
    { schema: { tags: ['reviews'], summary: "The workspace's default review policy and signature setting", params: WorkspaceParams, response: { 200: SettingsSchema } }, config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } } },
    (request) => getWorkspaceReviewSettings(actorCtx(request), request.params.ws),
  );
  app.patch(
    '/workspaces/:ws/review-policy',
    { schema: { tags: ['reviews'], summary: "Change the workspace's default review policy (admins)", params: WorkspaceParams, body: SettingsBody, response: { 200: SettingsSchema } }, config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } } },
    (request) => setWorkspaceReviewSettings(actorCtx(request), request.params.ws, request.body),
  );
  app.get(
    '/workspaces/:ws/specs/:spec/review-policy',
    { schema: { tags: ['reviews'], summary: "A spec's review policy: workspace default, override, effective", params: SpecParams, response: { 200: EffectiveSchema } }, config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } } },
    (request) => getSpecReviewPolicy(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }),
  );
  app.patch(
    '/workspaces/:ws/specs/:spec/review-policy',
    { schema: { tags: ['reviews'], summary: "Override the review policy for one spec (null clears a field; admins)", params: SpecParams, body: OverrideBody, response: { 200: EffectiveSchema } }, config: { access: { auth: 'user', scope: 'write', minRole: 'admin' } } },
    (request) => setSpecReviewPolicy(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.body),
  );
  app.get(
    '/workspaces/:ws/reviews',
    { schema: { tags: ['reviews'], summary: 'Review figures: median time to decision, specs waiting longest (overdue flagged)', params: WorkspaceParams, response: { 200: MetricsSchema } }, config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } } },
    (request) => reviewMetrics(actorCtx(request), request.params.ws),
  );
  app.get(
    '/workspaces/:ws/reviews/overdue',
    { schema: { tags: ['reviews'], summary: 'Overdue reviews: reviewers past their due date without a verdict, most overdue first (at most 200)', params: WorkspaceParams, response: { 200: OverdueSchema } }, config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } } },
    (request) => listOverdueReviews(actorCtx(request), request.params.ws),
  );
}
