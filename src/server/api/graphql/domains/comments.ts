// Review discussion: threads anchored to sections or quotes, replies, suggestions.
import {
  acceptSuggestion, createThread, deleteComment, dismissSuggestion, editComment, getThread, listThreads, replyToThread, setThreadBlocking, setThreadResolved,
  type CreateThreadInput, type ListThreadsQuery, type ThreadLocator, type ThreadView,
} from '../../../services/comments/index.js';
import type { ActorCtx } from '../../../services/context.js';
import { specEtag } from '../../../services/specs/index.js';
import type { Domain } from '../domain.js';
import { given, operation, type Operation } from '../operation.js';
import { specParams, type SpecNode } from './specs.js';

type ThreadArgs = { workspace: string; spec: string; thread: string };
const THREAD = '/workspaces/:ws/specs/:spec/threads/:thread';
const threadParams = (a: ThreadArgs) => ({ ws: a.workspace, spec: a.spec, thread: a.thread });
const threadOf = (p: { ws: string; spec: string; thread: string }): ThreadLocator => ({ workspace: p.ws, spec: p.spec, thread: p.thread });

/** A bodiless change to a thread that answers the thread. */
function threadChange(field: string, rest: string, run: (ctx: ActorCtx, locator: ThreadLocator) => Promise<ThreadView>): Operation {
  return operation({ field, rest, request: (args: ThreadArgs) => ({ params: threadParams(args) }), run: (ctx, r) => run(ctx, threadOf(r.params)) });
}

export const commentDomain: Domain = {
  typeDefs: /* GraphQL */ `
    type AnchorPosition { sectionPath: String! start: Int! end: Int! line: Int! }
    type Anchor {
      "Where the thread was attached."
      sectionPath: String!
      quote: String
      "Where it is in the current revision (null when outdated)."
      current: AnchorPosition
    }
    type Suggestion { text: String! state: String! decidedAt: String decidedBy: Person appliedRevision: Int }
    type Comment { id: ID! author: Person! body: String! createdAt: String! editedAt: String deletedAt: String }
    type Thread {
      id: ID!
      specId: ID!
      author: Person!
      "comment or suggestion"
      kind: String!
      anchor: Anchor!
      outdated: Boolean!
      anchoredRevision: Int!
      blocking: Boolean!
      resolved: Boolean!
      resolvedAt: String
      resolvedBy: Person
      suggestion: Suggestion
      comments: [Comment!]!
      createdAt: String!
      updatedAt: String!
    }
    type ThreadPage { items: [Thread!]! nextCursor: String }
    type AcceptedSuggestion { thread: Thread! revision: Int! etag: String! }

    extend type Spec {
      "Comment threads, oldest first (state: open, resolved or all)."
      threads(state: String, blocking: Boolean, limit: Int, cursor: String): ThreadPage!
      thread(id: ID!): Thread!
    }
  `,
  mutation: /* GraphQL */ `
    "Open a thread on a section or a quote in it (a suggestion with suggestion)."
    createThread(workspace: String!, spec: String!, sectionPath: String!, quote: String, near: Int, body: String!, blocking: Boolean, suggestion: String): Thread!
    setThreadBlocking(workspace: String!, spec: String!, thread: ID!, blocking: Boolean!): Thread!
    resolveThread(workspace: String!, spec: String!, thread: ID!): Thread!
    reopenThread(workspace: String!, spec: String!, thread: ID!): Thread!
    replyToThread(workspace: String!, spec: String!, thread: ID!, body: String!): Thread!
    editComment(workspace: String!, spec: String!, thread: ID!, comment: ID!, body: String!): Thread!
    deleteComment(workspace: String!, spec: String!, thread: ID!, comment: ID!): Boolean!
    "Apply a suggestion as a new revision."
    acceptSuggestion(workspace: String!, spec: String!, thread: ID!, ifMatch: String): AcceptedSuggestion!
    dismissSuggestion(workspace: String!, spec: String!, thread: ID!): Thread!
  `,
  operations: [
    operation({
      field: 'Spec.threads',
      rest: 'GET /workspaces/:ws/specs/:spec/threads',
      request: (args: Record<string, unknown>, spec: SpecNode) => ({ params: specParams(spec), query: given(args) }),
      run: (ctx, r) => listThreads(ctx, { workspace: r.params.ws, spec: r.params.spec }, r.query as ListThreadsQuery),
    }),
    operation({
      field: 'Spec.thread',
      rest: `GET ${THREAD}`,
      request: (args: { id: string }, spec: SpecNode) => ({ params: { ...specParams(spec), thread: args.id } }),
      run: (ctx, r) => getThread(ctx, threadOf(r.params)),
    }),
    operation({
      field: 'Mutation.createThread',
      rest: 'POST /workspaces/:ws/specs/:spec/threads',
      request: ({ workspace, spec, ...body }: { workspace: string; spec: string } & Record<string, unknown>) => ({ params: { ws: workspace, spec }, body: given(body) }),
      run: (ctx, r) => createThread(ctx, { workspace: r.params.ws, spec: r.params.spec }, r.body as unknown as CreateThreadInput),
    }),
    operation({
      field: 'Mutation.setThreadBlocking',
      rest: `PATCH ${THREAD}`,
      request: ({ blocking, ...args }: ThreadArgs & { blocking: boolean }) => ({ params: threadParams(args), body: { blocking } }),
      run: (ctx, r) => setThreadBlocking(ctx, threadOf(r.params), r.body.blocking),
    }),
    threadChange('Mutation.resolveThread', `POST ${THREAD}/resolve`, (ctx, t) => setThreadResolved(ctx, t, true)),
    threadChange('Mutation.reopenThread', `POST ${THREAD}/reopen`, (ctx, t) => setThreadResolved(ctx, t, false)),
    threadChange('Mutation.dismissSuggestion', `POST ${THREAD}/dismiss`, dismissSuggestion),
    operation({
      field: 'Mutation.replyToThread',
      rest: `POST ${THREAD}/comments`,
      request: ({ body, ...args }: ThreadArgs & { body: string }) => ({ params: threadParams(args), body: { body } }),
      run: (ctx, r) => replyToThread(ctx, threadOf(r.params), r.body.body),
    }),
    operation({
      field: 'Mutation.editComment',
      rest: `PATCH ${THREAD}/comments/:comment`,
      request: ({ body, comment, ...args }: ThreadArgs & { comment: string; body: string }) => ({ params: { ...threadParams(args), comment }, body: { body } }),
      run: (ctx, r) => editComment(ctx, { ...threadOf(r.params), comment: r.params.comment }, r.body.body),
    }),
    operation({
      field: 'Mutation.deleteComment',
      rest: `DELETE ${THREAD}/comments/:comment`,
      request: ({ comment, ...args }: ThreadArgs & { comment: string }) => ({ params: { ...threadParams(args), comment } }),
      run: async (ctx, r) => {
        await deleteComment(ctx, { ...threadOf(r.params), comment: r.params.comment });
        return true;
      },
    }),
    operation({
      field: 'Mutation.acceptSuggestion',
      rest: `POST ${THREAD}/accept`,
      request: ({ ifMatch, ...args }: ThreadArgs & { ifMatch?: string | null }) => ({ params: threadParams(args), ifMatch: ifMatch ?? undefined }),
      run: async (ctx, r) => {
        const { thread, spec } = await acceptSuggestion(ctx, threadOf(r.params), r.ifMatch);
        return { thread, revision: spec.loaded.spec.revision, etag: specEtag(spec.loaded.spec.id, spec.loaded.spec.revision) };
      },
    }),
  ],
};
