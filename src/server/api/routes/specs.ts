import { Type } from 'typebox';
import { createSpec, deleteSpec, listSpecs, listSpecsWithReviewers, readSpec, restoreSpec, updateSpec } from '../../services/specs/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { NoContent, PageOf, WorkspaceParams } from '../schemas.js';
import { CreateSpecBody, SpecDetailSchema, SpecDetailWithHtmlSchema, SpecListQuery, SpecReadQuery, SpecListItemSchema, SpecParams, UpdateSpecBody } from './spec-schemas.js';
import { ifMatchOf, prefersMarkdown, sendSpec, splitMarkdownSuffix } from './spec-http.js';

const MarkdownResponse = Type.String({ description: 'With Accept: text/markdown or a .md suffix: the stored Markdown, byte for byte' });

export function specRoutes(app: ApiInstance): void {
  app.post(
    '/workspaces/:ws/specs',
    {
      schema: {
        tags: ['specs'],
        summary: 'Create a spec from a template (default: the built-in technical specification) or from Markdown',
        params: WorkspaceParams,
        body: CreateSpecBody,
        response: { 201: SpecDetailSchema },
      },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => sendSpec(request, reply, await createSpec(actorCtx(request), request.params.ws, request.body), { status: 201 }),
  );

  app.get(
    '/workspaces/:ws/specs',
    {
      schema: { tags: ['specs'], summary: 'Specs of a workspace: filtered, sorted, a page at a time', params: WorkspaceParams, querystring: SpecListQuery, response: { 200: PageOf(SpecListItemSchema) } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => {
      const { include, ...query } = request.query;
      return include === 'reviewers' ? listSpecsWithReviewers(actorCtx(request), request.params.ws, query) : listSpecs(actorCtx(request), request.params.ws, query);
    },
  );

  app.get(
    '/workspaces/:ws/specs/:spec',
    {
      schema: {
        tags: ['specs'],
        summary: 'A spec: metadata, Markdown, outline and lint summary, optionally its HTML (or only the Markdown)',
        params: SpecParams,
        querystring: SpecReadQuery,
        response: { 200: Type.Union([SpecDetailWithHtmlSchema, MarkdownResponse]) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    async (request, reply) => {
      const { ref, markdown } = splitMarkdownSuffix(request.params.spec);
      const read = await readSpec(actorCtx(request), { workspace: request.params.ws, spec: ref });
      return sendSpec(request, reply, read, { markdown: markdown || prefersMarkdown(request.headers.accept), html: request.query.include === 'html' });
    },
  );

  app.get(
    '/specs/:key',
    {
      schema: {
        tags: ['specs'],
        summary: 'A spec by its server-wide key (SPEC-42)',
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 120 }) }),
        querystring: SpecReadQuery,
        response: { 200: Type.Union([SpecDetailWithHtmlSchema, MarkdownResponse]) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    async (request, reply) => {
      const { ref, markdown } = splitMarkdownSuffix(request.params.key);
      const read = await readSpec(actorCtx(request), { key: ref });
      return sendSpec(request, reply, read, { markdown: markdown || prefersMarkdown(request.headers.accept), html: request.query.include === 'html' });
    },
  );

  app.patch(
    '/workspaces/:ws/specs/:spec',
    {
      schema: { tags: ['specs'], summary: 'Retitle (a new revision) and/or relabel a spec; If-Match optional', params: SpecParams, body: UpdateSpecBody, response: { 200: SpecDetailSchema } },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => {
      const read = await updateSpec(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.body, ifMatchOf(request));
      return sendSpec(request, reply, read);
    },
  );

  app.delete(
    '/workspaces/:ws/specs/:spec',
    {
      schema: { tags: ['specs'], summary: 'Soft-delete a spec (admins can restore it); If-Match optional', params: SpecParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => {
      await deleteSpec(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, ifMatchOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/workspaces/:ws/specs/:spec/restore',
    {
      schema: { tags: ['specs'], summary: 'Restore a soft-deleted spec', params: SpecParams, response: { 200: SpecDetailSchema } },
      config: { access: { auth: 'user', scope: 'write', minRole: 'admin' } },
    },
    async (request, reply) => sendSpec(request, reply, await restoreSpec(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec })),
  );
}
