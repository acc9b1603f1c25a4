// Review discussion on a spec: threads anchored to a section path and an optional quote, replies,
// resolve/reopen, blocking threads, suggestions (accept applies them as a revision), @mentions.
// Each operation loads the spec (readable by the caller), then checks the comment policy.
export { listThreads, getThread, type ListThreadsQuery, type ThreadState } from './list.js';
export { createThread, type CreateThreadInput } from './create-thread.js';
export { replyToThread } from './reply.js';
export { editComment, deleteComment, type CommentLocator } from './edit-comment.js';
export { setThreadResolved, setThreadBlocking } from './resolve.js';
export { acceptSuggestion, dismissSuggestion } from './suggestions.js';
export { unresolvedBlockingThreads, type BlockingThread } from './blocking-threads.js';
export { locateAnchor, type AnchorLocation, type StoredAnchor } from './anchor.js';
export { mentionHandles } from './mentions.js';
export type { ThreadLocator } from './load.js';
export type { ThreadView, CommentView, AnchorView, Person } from './views.js';
