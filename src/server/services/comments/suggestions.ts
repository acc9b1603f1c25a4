import { replaceRange, SpecEditError } from '../../../core/index.js';
import { AppError, ConflictError } from '../../errors/index.js';
import { commentPolicy } from '../../policies/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { analyzeDocument } from '../specs/analysis.js';
import { checkIfMatch, commitContent } from '../specs/commit.js';
import { currentRevision } from '../specs/current.js';
import { templateAt } from '../specs/template-versions.js';
import type { SpecRead } from '../specs/views.js';
import { locateAnchor } from './anchor.js';
import { threadView } from './list.js';
import { loadThread, type ThreadLocator, type ThreadRow } from './load.js';
import type { ThreadView } from './views.js';

function requireOpenSuggestion(thread: ThreadRow): string {
  if (thread.suggestion === null) throw new ConflictError('not_a_suggestion', 'This thread is a comment, not a suggestion');
  if (thread.suggestionState !== 'open') {
    throw new AppError('suggestion_decided', `The suggestion was already ${thread.suggestionState ?? 'decided'}`, { state: thread.suggestionState });
  }
  return thread.suggestion;
}

async function suggesterName(ctx: ActorCtx, userId: string): Promise<string> {
  const row = await ctx.deps.db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? 'a former member';
}

/**
 * Applies a suggestion: its quoted range in the current revision is replaced (every other byte is
 * kept) and stored as a new revision by the caller (the author or an editor), whose summary
 * credits the suggester. The thread is resolved in the same transaction. A quote that is no longer
 * in the text is suggestion_outdated (409) and nothing changes. If-Match is optional.
 */
export async function acceptSuggestion(ctx: ActorCtx, locator: ThreadLocator, ifMatch: string | undefined): Promise<{ thread: ThreadView; spec: SpecRead }> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.acceptSuggestion);
  const replacement = requireOpenSuggestion(thread);
  const { spec } = loaded;
  checkIfMatch(ifMatch, spec, false);
  const current = await currentRevision(ctx, spec);
  const at = locateAnchor(current.doc, thread);
  if (at.outdated) {
    throw new AppError('suggestion_outdated', `The text "${thread.quote ?? ''}" is no longer in section "${thread.sectionPath}" (revision ${current.revision})`, { revision: current.revision });
  }
  let next;
  try {
    next = replaceRange(current.doc, at.start, at.end, replacement);
  } catch (error) {
    if (error instanceof SpecEditError) throw new AppError('invalid_edit', error.message, { reason: error.code, op: 'acceptSuggestion' });
    throw error;
  }
  const template = await templateAt(ctx.deps.db, spec.workspaceId, spec.templateId, spec.templateVersion);
  const name = await suggesterName(ctx, thread.authorId);
  const now = nowIso(ctx.deps);
  const read = await commitContent(ctx, {
    loaded,
    analysis: analyzeDocument(next, template),
    summary: `Applied a suggestion by ${name} in ${at.sectionPath}`,
    alsoInTransaction: async (trx) => {
      const applied = spec.revision + 1;
      const updated = await trx
        .updateTable('commentThreads')
        .set({ suggestionState: 'accepted', decidedAt: now, decidedBy: ctx.actor.userId, appliedRevision: applied, resolvedAt: thread.resolvedAt ?? now, resolvedBy: thread.resolvedBy ?? ctx.actor.userId, updatedAt: now })
        .where('id', '=', thread.id)
        .where('suggestionState', '=', 'open')
        .executeTakeFirst();
      // Two accepts at once: the second finds it decided and its revision is rolled back.
      if (Number(updated.numUpdatedRows) !== 1) throw new AppError('suggestion_decided', 'The suggestion was decided meanwhile');
      await recordAudit(trx, ctx, {
        workspaceId: spec.workspaceId,
        action: 'suggestion.accepted',
        targetType: 'comment_thread',
        targetId: thread.id,
        after: { specId: spec.id, revision: applied, suggesterId: thread.authorId, sectionPath: at.sectionPath },
      });
    },
  });
  return { thread: await threadView(ctx, read.loaded.spec, thread.id), spec: read };
}

/** Turns a suggestion down (the suggester withdrawing it, the spec's author or an editor); the thread is resolved. */
export async function dismissSuggestion(ctx: ActorCtx, locator: ThreadLocator): Promise<ThreadView> {
  const { loaded, thread } = await loadThread(ctx, locator, commentPolicy.dismissSuggestion);
  requireOpenSuggestion(thread);
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('commentThreads')
      .set({ suggestionState: 'dismissed', decidedAt: now, decidedBy: ctx.actor.userId, resolvedAt: thread.resolvedAt ?? now, resolvedBy: thread.resolvedBy ?? ctx.actor.userId, updatedAt: now })
      .where('id', '=', thread.id)
      .where('suggestionState', '=', 'open')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('suggestion_decided', 'The suggestion was decided meanwhile');
    await recordAudit(trx, ctx, {
      workspaceId: thread.workspaceId,
      action: 'suggestion.dismissed',
      targetType: 'comment_thread',
      targetId: thread.id,
      after: { specId: thread.specId, suggesterId: thread.authorId },
    });
  });
  return threadView(ctx, loaded.spec, thread.id);
}
