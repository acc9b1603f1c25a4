import { Type } from 'typebox';
import { createTemplate, deleteTemplate, getTemplate, getTemplateVersion, listTemplates, updateTemplate } from '../../services/templates.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { NoContent, Nullable, Strict, WorkspaceRef } from '../schemas.js';

const SummaryFields = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  builtin: Type.Boolean(),
  currentVersion: Type.Integer(),
  createdAt: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
};
const TemplateSummarySchema = Type.Object(SummaryFields);
const TemplateDetailSchema = Type.Object({ ...SummaryFields, source: Type.String(), sha256: Type.String() });
const TemplateParams = Type.Object({ ws: WorkspaceRef, templateId: Type.String({ minLength: 1, maxLength: 100 }) });
const Source = Type.String({ minLength: 1, description: 'Markdown template, stored byte for byte' });
const Description = Type.String({ maxLength: 2000 });

export function templateRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/templates',
    {
      schema: { tags: ['templates'], summary: 'Built-in and workspace templates', params: Type.Object({ ws: WorkspaceRef }), response: { 200: Type.Object({ items: Type.Array(TemplateSummarySchema), nextCursor: Type.Null() }) } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    async (request) => ({ items: await listTemplates(actorCtx(request), request.params.ws), nextCursor: null }),
  );

  app.post(
    '/workspaces/:ws/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Create a workspace template (version 1)',
        params: Type.Object({ ws: WorkspaceRef }),
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Description), source: Source }, Strict),
        response: { 201: TemplateDetailSchema },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    async (request, reply) => reply.code(201).send(await createTemplate(actorCtx(request), request.params.ws, request.body)),
  );

  app.get(
    '/workspaces/:ws/templates/:templateId',
    {
      schema: { tags: ['templates'], summary: 'A template at its current version', params: TemplateParams, response: { 200: TemplateDetailSchema } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => getTemplate(actorCtx(request), request.params.ws, request.params.templateId),
  );

  app.patch(
    '/workspaces/:ws/templates/:templateId',
    {
      schema: {
        tags: ['templates'],
        summary: 'Rename or publish a new version (a changed source makes a new version)',
        params: TemplateParams,
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), description: Type.Optional(Description), source: Type.Optional(Source) }, Strict),
        response: { 200: TemplateDetailSchema },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    (request) => updateTemplate(actorCtx(request), request.params.ws, request.params.templateId, request.body),
  );

  app.delete(
    '/workspaces/:ws/templates/:templateId',
    {
      schema: { tags: ['templates'], summary: 'Delete a workspace template (specs keep their version)', params: TemplateParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    async (request, reply) => {
      await deleteTemplate(actorCtx(request), request.params.ws, request.params.templateId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/templates/:templateId/versions/:version',
    {
      schema: {
        tags: ['templates'],
        summary: 'One version of a template',
        params: Type.Object({ ws: WorkspaceRef, templateId: Type.String({ minLength: 1, maxLength: 100 }), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) }),
        response: { 200: Type.Object({ templateId: Type.String(), version: Type.Integer(), source: Type.String(), sha256: Type.String(), createdAt: Nullable(Type.String()) }) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => getTemplateVersion(actorCtx(request), request.params.ws, request.params.templateId, request.params.version),
  );
}
