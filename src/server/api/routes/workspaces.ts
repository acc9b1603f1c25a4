import { Type } from 'typebox';
import { createWorkspace, deleteWorkspace, getWorkspace, listWorkspaces, updateWorkspace } from '../../services/workspaces.js';
import { listWorkspaceLabels } from '../../services/labels.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { NoContent, PageOf, PageQuery, PersonName, Strict, WorkspaceKey, WorkspaceParams, WorkspaceViewSchema } from '../schemas.js';

const LabelSchema = Type.Object({
  name: Type.String(),
  color: Type.String({ description: 'CSS colour, e.g. #6b7280' }),
  specs: Type.Integer({ minimum: 0, description: 'Specs (not deleted) carrying it now' }),
});

export function workspaceRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces',
    {
      schema: { tags: ['workspaces'], summary: 'Workspaces you belong to', querystring: PageQuery, response: { 200: PageOf(WorkspaceViewSchema) } },
      config: { access: { auth: 'user', scope: 'read' } },
    },
    (request) => listWorkspaces(actorCtx(request), request.query),
  );

  app.post(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace (you become its owner)',
        body: Type.Object({ name: PersonName, key: WorkspaceKey }, Strict),
        response: { 201: WorkspaceViewSchema },
      },
      config: { access: { auth: 'user', scope: 'admin' } },
    },
    async (request, reply) => reply.code(201).send(await createWorkspace(actorCtx(request), request.body)),
  );

  app.get(
    '/workspaces/:ws',
    {
      schema: { tags: ['workspaces'], summary: 'One workspace, with your role and permissions', params: WorkspaceParams, response: { 200: WorkspaceViewSchema } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => getWorkspace(actorCtx(request), request.params.ws),
  );

  app.get(
    '/workspaces/:ws/labels',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Labels of the workspace (every name a spec was given here), by name, with how many specs carry each',
        params: WorkspaceParams,
        response: { 200: Type.Object({ items: Type.Array(LabelSchema) }) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    async (request) => ({ items: await listWorkspaceLabels(actorCtx(request), request.params.ws) }),
  );

  app.patch(
    '/workspaces/:ws',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Rename a workspace (its key never changes)',
        params: WorkspaceParams,
        body: Type.Object({ name: Type.Optional(PersonName) }, Strict),
        response: { 200: WorkspaceViewSchema },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    (request) => updateWorkspace(actorCtx(request), request.params.ws, request.body),
  );

  app.delete(
    '/workspaces/:ws',
    {
      schema: { tags: ['workspaces'], summary: 'Delete a workspace and everything in it', params: WorkspaceParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'owner' } },
    },
    async (request, reply) => {
      await deleteWorkspace(actorCtx(request), request.params.ws);
      return reply.code(204).send(null);
    },
  );
}
