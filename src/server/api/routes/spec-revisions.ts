import { Type } from 'typebox';
import { diffRevisions, getRevision, listRevisions, restoreRevision } from '../../services/specs/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { PageOf, PageQuery, Strict } from '../schemas.js';
import { DiffQuery, DiffSchema, RevisionParams, RevisionSchema, RevisionSummarySchema, SpecDetailSchema, SpecParams } from './spec-schemas.js';
import { ifMatchOf, MARKDOWN_TYPE, prefersMarkdown, sendSpec } from './spec-http.js';

export function specRevisionRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/specs/:spec/revisions',
    {
      schema: { tags: ['revisions'], summary: 'Revisions of a spec, newest first', params: SpecParams, querystring: Type.Object(PageQuery.properties, Strict), response: { 200: PageOf(RevisionSummarySchema) } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => listRevisions(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.query),
  );

  app.get(
    '/workspaces/:ws/specs/:spec/revisions/:n',
    {
      schema: {
        tags: ['revisions'],
        summary: 'One revision with its full content (Accept: text/markdown for the content alone)',
        params: RevisionParams,
        response: { 200: Type.Union([RevisionSchema, Type.String()]) },
      },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    async (request, reply) => {
      const revision = await getRevision(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.params.n);
      if (prefersMarkdown(request.headers.accept)) return reply.type(MARKDOWN_TYPE).send(revision.markdown);
      return revision;
    },
  );

  app.get(
    '/workspaces/:ws/specs/:spec/diff',
    {
      schema: { tags: ['revisions'], summary: 'Differences between two revisions: unified text or per section', params: SpecParams, querystring: DiffQuery, response: { 200: DiffSchema } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => diffRevisions(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.query),
  );

  app.post(
    '/workspaces/:ws/specs/:spec/revisions/:n/restore',
    {
      schema: { tags: ['revisions'], summary: "Make an old revision's content current again, as a new revision; If-Match optional", params: RevisionParams, response: { 200: SpecDetailSchema } },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => {
      const read = await restoreRevision(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.params.n, ifMatchOf(request));
      return sendSpec(request, reply, read);
    },
  );
}
