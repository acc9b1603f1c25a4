// TypeBox schemas of the comment thread routes (see docs/comments.md).
import { Type } from 'typebox';
import { Id, Nullable, PageQuery, Strict, WorkspaceRef } from '../schemas.js';
import { SpecRefParam } from './spec-schemas.js';

export const ThreadParams = Type.Object({ ws: WorkspaceRef, spec: SpecRefParam, thread: Id });
export const CommentParams = Type.Object({ ws: WorkspaceRef, spec: SpecRefParam, thread: Id, comment: Id });

const Body = Type.String({ minLength: 1, maxLength: 20_000, pattern: '\\S', description: 'Markdown; @name or @email mentions notify members' });
export const CommentBody = Type.Object({ body: Body }, Strict);

export const CreateThreadBody = Type.Object(
  {
    sectionPath: Type.String({ minLength: 1, maxLength: 1000, description: 'Section path (slugs joined by /) as in the spec outline' }),
    quote: Type.Optional(Type.String({ minLength: 1, maxLength: 5000, description: 'Exact text inside the section' })),
    near: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Offset of the quote from the section start, to pick one of several equal quotes' })),
    body: Body,
    blocking: Type.Optional(Type.Boolean({ description: 'Approval waits until the thread is resolved' })),
    suggestion: Type.Optional(Type.String({ maxLength: 20_000, description: 'Proposed replacement of quote (needs quote; "" deletes it)' })),
  },
  Strict,
);

export const UpdateThreadBody = Type.Object({ blocking: Type.Boolean() }, Strict);

export const ThreadListQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    state: Type.Optional(Type.Enum(['open', 'resolved', 'all'], { description: 'Default all' })),
    blocking: Type.Optional(Type.Boolean({ description: 'Only blocking threads' })),
  }),
]);

const Person = Type.Object({ id: Type.String(), name: Type.String() });

const CommentSchema = Type.Object({
  id: Type.String(),
  author: Person,
  body: Type.String({ description: 'Empty once deleted' }),
  createdAt: Type.String(),
  editedAt: Nullable(Type.String()),
  deletedAt: Nullable(Type.String()),
});

export const ThreadSchema = Type.Object({
  id: Type.String(),
  specId: Type.String(),
  author: Person,
  kind: Type.Enum(['comment', 'suggestion']),
  anchor: Type.Object({
    sectionPath: Type.String(),
    quote: Nullable(Type.String()),
    current: Nullable(Type.Object({ sectionPath: Type.String(), start: Type.Integer(), end: Type.Integer(), line: Type.Integer() })),
  }),
  outdated: Type.Boolean(),
  anchoredRevision: Type.Integer(),
  blocking: Type.Boolean(),
  resolved: Type.Boolean(),
  resolvedAt: Nullable(Type.String()),
  resolvedBy: Nullable(Person),
  suggestion: Nullable(
    Type.Object({
      text: Type.String(),
      state: Type.Enum(['open', 'accepted', 'dismissed']),
      decidedAt: Nullable(Type.String()),
      decidedBy: Nullable(Person),
      appliedRevision: Nullable(Type.Integer()),
    }),
  ),
  comments: Type.Array(CommentSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const AcceptedSchema = Type.Object({ thread: ThreadSchema, revision: Type.Integer(), etag: Type.String() });
