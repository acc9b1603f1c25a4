import { Type } from 'typebox';
import { listAuditTrail } from '../../services/audit-trail.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Nullable, PageOf, PageQuery, Timestamp, WorkspaceParams } from '../schemas.js';

const AuditEventSchema = Type.Object({
  id: Type.String(),
  workspaceId: Nullable(Type.String()),
  actorId: Nullable(Type.String()),
  actorTokenId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Word = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

const AuditFilters = {
  actor: Type.Optional(Word('User id of the actor')),
  action: Type.Optional(Word('An action (spec.created) or a family (spec.*)')),
  targetType: Type.Optional(Word('spec, user, invite, api_token, ...')),
  targetId: Type.Optional(Word('Id of the target')),
  since: Type.Optional({ ...Timestamp, description: 'Events at or after this instant' }),
  until: Type.Optional({ ...Timestamp, description: 'Events before this instant' }),
};

const TrailQuery = Type.Object({
  ...PageQuery.properties,
  workspace: Type.Optional(Word('Workspace key or id (default: every workspace you administer, plus your own account)')),
  ...AuditFilters,
});

const WorkspaceTrailQuery = Type.Object({ ...PageQuery.properties, ...AuditFilters });

export function auditRoutes(app: ApiInstance): void {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail, newest first: workspaces you administer and your own account; append-only',
        querystring: TrailQuery,
        response: { 200: PageOf(AuditEventSchema) },
      },
      config: { access: { auth: 'user', scope: 'read' } },
    },
    (request) => listAuditTrail(actorCtx(request), request.query),
  );

  app.get(
    '/workspaces/:ws/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit trail of one workspace, newest first (same as /audit?workspace=)',
        params: WorkspaceParams,
        querystring: WorkspaceTrailQuery,
        response: { 200: PageOf(AuditEventSchema) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'admin' } },
    },
    (request) => listAuditTrail(actorCtx(request), { ...request.query, workspace: request.params.ws }),
  );
}
