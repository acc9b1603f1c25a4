import type { Actor } from '../services/context.js';
import { allow, authorize, can, type InWorkspace, type Rule } from './rules.js';

/** A thread or comment as policies see it: who wrote it and whose spec it is on. */
export interface CommentResource extends InWorkspace {
  /** The comment's author (for thread actions: the thread's author). */
  readonly authorId: string;
  readonly specAuthorId: string;
}

const ownIt = (actor: Actor, r: CommentResource): boolean => r.authorId === actor.userId;
const ownTheSpec = (actor: Actor, r: CommentResource): boolean => r.specAuthorId === actor.userId;

// Viewers read and comment (issue #3): product and legal reviewers are often viewers. An action
// is allowed when any one of its rules allows it.
export const commentPolicy = {
  read: [allow<CommentResource>('viewer', 'read')],
  create: [allow<CommentResource>('viewer', 'write')],
  edit: [allow<CommentResource>('viewer', 'write', ownIt)],
  delete: [allow<CommentResource>('viewer', 'write', ownIt), allow<CommentResource>('admin', 'write')],
  resolve: [allow<CommentResource>('viewer', 'write', ownIt), allow<CommentResource>('viewer', 'write', ownTheSpec), allow<CommentResource>('editor', 'write')],
  setBlocking: [allow<CommentResource>('viewer', 'write', ownIt), allow<CommentResource>('editor', 'write')],
  acceptSuggestion: [allow<CommentResource>('editor', 'write')],
  dismissSuggestion: [allow<CommentResource>('viewer', 'write', ownIt), allow<CommentResource>('viewer', 'write', ownTheSpec), allow<CommentResource>('editor', 'write')],
} satisfies Record<string, readonly Rule<CommentResource>[]>;

/** Passes when any rule allows; otherwise throws what the last (least demanding on ownership) rule says. */
export function authorizeAny<R extends InWorkspace>(actor: Actor, rules: readonly Rule<R>[], resource: R, what?: string): void {
  if (rules.some((rule) => can(actor, rule, resource))) return;
  const last = rules[rules.length - 1];
  if (last !== undefined) authorize(actor, last, resource, what);
}
