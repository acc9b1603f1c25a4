import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  approveSpec, assignReviewer, getReview, getVersion, listVersions, rejectSpec, removeReviewer, requestChanges, requestReview, reviseSpec, supersedeSpec, withdrawSpec,
} from '../../services/reviews/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Id, Nullable, Strict, Timestamp } from '../schemas.js';
import { SpecParams } from './spec-schemas.js';

/** Review views are documented in docs/reviews.md; the schema passes every member through. */
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const ReviewViewSchema = Loose('Review state of the current version: version, reviewers, verdicts, approvers, policy, unmet gate conditions, allowed actions, transition made');
const DecisionText = Type.String({ minLength: 1, maxLength: 5000 });
const VerdictBody = Type.Object(
  {
    summary: Type.Optional(DecisionText),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Signed approval: your password' })),
  },
  Strict,
);

/** A verdict without a summary may come without a body: validate it as `{}`. */
function emptyBodyAsObject(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (request.body === undefined || request.body === null) request.body = {};
  done();
}
const RejectBody = Type.Object({ summary: DecisionText }, Strict);
const ReviewerParams = Type.Object({ ...SpecParams.properties, userId: Id });
const VersionParams = Type.Object({ ...SpecParams.properties, version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export function reviewRoutes(app: ApiInstance): void {
  const spec = (p: { ws: string; spec: string }) => ({ workspace: p.ws, spec: p.spec });
  const reviewer = { auth: 'user', scope: 'write', minRole: 'viewer' } as const;
  const editor = { auth: 'user', scope: 'write', minRole: 'editor' } as const;
  const reader = { auth: 'user', scope: 'read', minRole: 'viewer' } as const;

  app.get(
    '/workspaces/:ws/specs/:spec/review',
    { schema: { tags: ['reviews'], summary: "The current version's review state and what approval still needs", params: SpecParams, response: { 200: ReviewViewSchema } }, config: { access: reader } },
    (request) => getReview(actorCtx(request), spec(request.params)),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/review/request',
    { schema: { tags: ['reviews'], summary: 'Request review (draft or changes requested → in review); author or editor', params: SpecParams, response: { 200: ReviewViewSchema } }, config: { access: editor } },
    (request) => requestReview(actorCtx(request), spec(request.params)),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/review/approve',
    { schema: { tags: ['reviews'], summary: 'Approve the current content (assigned reviewers); the version is approved when the policy is met', params: SpecParams, body: VerdictBody, response: { 200: ReviewViewSchema } }, config: { access: reviewer }, preValidation: emptyBodyAsObject },
    (request) => approveSpec(actorCtx(request), spec(request.params), request.body),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/review/request-changes',
    { schema: { tags: ['reviews'], summary: 'Request changes (assigned reviewers)', params: SpecParams, body: VerdictBody, response: { 200: ReviewViewSchema } }, config: { access: reviewer }, preValidation: emptyBodyAsObject },
    (request) => requestChanges(actorCtx(request), spec(request.params), request.body),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/review/reject',
    { schema: { tags: ['reviews'], summary: 'Reject the version with a reason (assigned reviewers)', params: SpecParams, body: RejectBody, response: { 200: ReviewViewSchema } }, config: { access: reviewer } },
    (request) => rejectSpec(actorCtx(request), spec(request.params), request.body),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/withdraw',
    { schema: { tags: ['reviews'], summary: 'Withdraw the spec (its author)', params: SpecParams, response: { 200: ReviewViewSchema } }, config: { access: editor } },
    (request) => withdrawSpec(actorCtx(request), spec(request.params)),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/revise',
    { schema: { tags: ['reviews'], summary: 'Revise the approved version: the next version opens as a draft', params: SpecParams, response: { 200: ReviewViewSchema } }, config: { access: editor } },
    (request) => reviseSpec(actorCtx(request), spec(request.params)),
  );
  app.post(
    '/workspaces/:ws/specs/:spec/supersede',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Mark the approved version superseded by another spec of the workspace (linked both ways)',
        params: SpecParams,
        body: Type.Object({ by: Type.String({ minLength: 1, maxLength: 120, description: 'The replacing spec: number, key or id' }) }, Strict),
        response: { 200: ReviewViewSchema },
      },
      config: { access: editor },
    },
    (request) => supersedeSpec(actorCtx(request), spec(request.params), request.body.by),
  );
  app.put(
    '/workspaces/:ws/specs/:spec/reviewers/:userId',
    {
      schema: {
        tags: ['reviews'],
        summary: 'Assign a member as reviewer of the current version (or change role and due date)',
        params: ReviewerParams,
        body: Type.Object({ role: Type.Enum(['required', 'optional']), dueAt: Type.Optional(Nullable(Timestamp)) }, Strict),
        response: { 200: ReviewViewSchema },
      },
      config: { access: editor },
    },
    (request) => assignReviewer(actorCtx(request), spec(request.params), request.params.userId, request.body),
  );
  app.delete(
    '/workspaces/:ws/specs/:spec/reviewers/:userId',
    { schema: { tags: ['reviews'], summary: 'Remove a reviewer from the current version', params: ReviewerParams, response: { 200: ReviewViewSchema } }, config: { access: editor } },
    (request) => removeReviewer(actorCtx(request), spec(request.params), request.params.userId),
  );
  app.get(
    '/workspaces/:ws/specs/:spec/versions',
    { schema: { tags: ['reviews'], summary: 'Versions of a spec, oldest first', params: SpecParams, response: { 200: Type.Object({ items: Type.Array(Loose('A version')) }) } }, config: { access: reader } },
    async (request) => ({ items: await listVersions(actorCtx(request), spec(request.params)) }),
  );
  app.get(
    '/workspaces/:ws/specs/:spec/versions/:version',
    { schema: { tags: ['reviews'], summary: 'One version: status, decision, reviewers, verdicts and its content', params: VersionParams, response: { 200: Loose('A version with its Markdown') } }, config: { access: reader } },
    (request) => getVersion(actorCtx(request), spec(request.params), request.params.version),
  );
}
