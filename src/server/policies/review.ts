import { allow, type InWorkspace } from './rules.js';

/** A spec seen in the review workflow: whether the actor wrote it and is one of its current version's reviewers. */
export interface ReviewResource extends InWorkspace {
  readonly isAuthor: boolean;
  readonly isReviewer: boolean;
}

// Reviewers may be any member (viewers included: product and legal review); verdicts belong to
// them alone. Policy overrides can weaken the gate, so they are an admin's call.
export const reviewPolicy = {
  read: allow<ReviewResource>('viewer', 'read'),
  requestReview: allow<ReviewResource>('editor', 'write'),
  assignReviewers: allow<ReviewResource>('editor', 'write'),
  verdict: allow<ReviewResource>('viewer', 'write', (_, r) => r.isReviewer),
  withdraw: allow<ReviewResource>('editor', 'write', (_, r) => r.isAuthor),
  revise: allow<ReviewResource>('editor', 'write'),
  supersede: allow<ReviewResource>('editor', 'write'),
  setSpecPolicy: allow<ReviewResource>('admin', 'write'),
  setWorkspacePolicy: allow<ReviewResource>('admin', 'admin'),
};
