import {
  acceptSuggestion,
  createThread,
  deleteComment,
  dismissSuggestion,
  editComment,
  getThread,
  listThreads,
  replyToThread,
  setThreadBlocking,
  setThreadResolved,
} from '../../services/comments/index.js';
import { specEtag } from '../../services/specs/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { NoContent, PageOf } from '../schemas.js';
import { AcceptedSchema, CommentBody, CommentParams, CreateThreadBody, ThreadListQuery, ThreadParams, ThreadSchema, UpdateThreadBody } from './comment-schemas.js';
import { ifMatchOf } from './spec-http.js';
import { SpecParams } from './spec-schemas.js';

const THREADS = '/workspaces/:ws/specs/:spec/threads';
const THREAD = `${THREADS}/:thread`;
const tags = ['comments'];
// Viewers read and comment; the comment policy decides the rest (own comments, spec author, editors).
const reading = { auth: 'user', scope: 'read', minRole: 'viewer' } as const;
const commenting = { auth: 'user', scope: 'write', minRole: 'viewer' } as const;

const threadOf = (p: { ws: string; spec: string; thread: string }) => ({ workspace: p.ws, spec: p.spec, thread: p.thread });
const commentOf = (p: { ws: string; spec: string; thread: string; comment: string }) => ({ ...threadOf(p), comment: p.comment });

export function commentRoutes(app: ApiInstance): void {
  app.get(
    THREADS,
    { schema: { tags, summary: 'Comment threads of a spec, oldest first, anchored to the current revision', params: SpecParams, querystring: ThreadListQuery, response: { 200: PageOf(ThreadSchema) } }, config: { access: reading } },
    (request) => listThreads(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.query),
  );

  app.post(
    THREADS,
    { schema: { tags, summary: 'Open a thread on a section or a quote in it (a suggestion with `suggestion`)', params: SpecParams, body: CreateThreadBody, response: { 201: ThreadSchema } }, config: { access: commenting } },
    async (request, reply) => reply.code(201).send(await createThread(actorCtx(request), { workspace: request.params.ws, spec: request.params.spec }, request.body)),
  );

  app.get(
    THREAD,
    { schema: { tags, summary: 'One thread with its comments', params: ThreadParams, response: { 200: ThreadSchema } }, config: { access: reading } },
    (request) => getThread(actorCtx(request), threadOf(request.params)),
  );

  app.patch(
    THREAD,
    { schema: { tags, summary: 'Mark a thread blocking or not (its author or an editor)', params: ThreadParams, body: UpdateThreadBody, response: { 200: ThreadSchema } }, config: { access: commenting } },
    (request) => setThreadBlocking(actorCtx(request), threadOf(request.params), request.body.blocking),
  );

  app.post(
    `${THREAD}/resolve`,
    { schema: { tags, summary: 'Resolve a thread (its author, the spec author or an editor)', params: ThreadParams, response: { 200: ThreadSchema } }, config: { access: commenting } },
    (request) => setThreadResolved(actorCtx(request), threadOf(request.params), true),
  );

  app.post(
    `${THREAD}/reopen`,
    { schema: { tags, summary: 'Reopen a resolved thread', params: ThreadParams, response: { 200: ThreadSchema } }, config: { access: commenting } },
    (request) => setThreadResolved(actorCtx(request), threadOf(request.params), false),
  );

  app.post(
    `${THREAD}/comments`,
    { schema: { tags, summary: 'Reply to a thread', params: ThreadParams, body: CommentBody, response: { 201: ThreadSchema } }, config: { access: commenting } },
    async (request, reply) => reply.code(201).send(await replyToThread(actorCtx(request), threadOf(request.params), request.body.body)),
  );

  app.patch(
    `${THREAD}/comments/:comment`,
    { schema: { tags, summary: 'Edit your own comment', params: CommentParams, body: CommentBody, response: { 200: ThreadSchema } }, config: { access: commenting } },
    (request) => editComment(actorCtx(request), commentOf(request.params), request.body.body),
  );

  app.delete(
    `${THREAD}/comments/:comment`,
    { schema: { tags, summary: 'Delete your own comment (admins: any)', params: CommentParams, response: { 204: NoContent } }, config: { access: commenting } },
    async (request, reply) => {
      await deleteComment(actorCtx(request), commentOf(request.params));
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${THREAD}/accept`,
    {
      schema: { tags, summary: 'Apply a suggestion as a new revision (the author or an editor); If-Match optional', params: ThreadParams, response: { 200: AcceptedSchema } },
      config: { access: { auth: 'user', scope: 'write', minRole: 'editor' } },
    },
    async (request, reply) => {
      const { thread, spec } = await acceptSuggestion(actorCtx(request), threadOf(request.params), ifMatchOf(request));
      const etag = specEtag(spec.loaded.spec.id, spec.loaded.spec.revision);
      return reply.header('etag', etag).send({ thread, revision: spec.loaded.spec.revision, etag });
    },
  );

  app.post(
    `${THREAD}/dismiss`,
    { schema: { tags, summary: 'Dismiss a suggestion (its author withdrawing it, the spec author or an editor)', params: ThreadParams, response: { 200: ThreadSchema } }, config: { access: commenting } },
    (request) => dismissSuggestion(actorCtx(request), threadOf(request.params)),
  );
}
