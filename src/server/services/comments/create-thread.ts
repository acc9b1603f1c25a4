import { AppError, ValidationError } from '../../errors/index.js';
import { authorizeAny, commentPolicy, specPolicy } from '../../policies/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { newId } from '../secrets.js';
import { currentRevision } from '../specs/current.js';
import { loadSpec, type SpecLocator } from '../specs/load.js';
import { attachAnchor } from './anchor.js';
import { threadView } from './list.js';
import { commentResource } from './load.js';
import { notifyMentions } from './mentions.js';
import type { ThreadView } from './views.js';
import { recordEvent, specEvent } from '../../events/write.js';

export interface CreateThreadInput {
  /** The section the thread is about (slugs joined by `/`, as in the spec's outline). */
  readonly sectionPath: string;
  /** Exact text inside that section; without it the thread is about the whole section. */
  readonly quote?: string | undefined;
  /** Where the quote starts, from the section's start, to pick one of several equal quotes. */
  readonly near?: number | undefined;
  readonly body: string;
  readonly blocking?: boolean | undefined;
  /** Makes the thread a suggestion: the proposed replacement of `quote` ('' deletes it). */
  readonly suggestion?: string | undefined;
}

/** Opens a thread on the current revision; members it @mentions are notified. */
export async function createThread(ctx: ActorCtx, locator: SpecLocator, input: CreateThreadInput): Promise<ThreadView> {
  const loaded = await loadSpec(ctx, locator, specPolicy.read);
  const { spec } = loaded;
  authorizeAny(ctx.actor, commentPolicy.create, commentResource(loaded, ctx.actor.userId), 'Spec');
  const quote = input.quote === undefined || input.quote === '' ? null : input.quote;
  if (input.suggestion !== undefined && quote === null) throw ValidationError.field('quote', 'required', 'a suggestion replaces a quote: send the quoted text');
  const current = await currentRevision(ctx, spec);
  const attached = attachAnchor(current.doc, input.sectionPath, quote, input.near);
  if ('error' in attached) {
    const detail = attached.error === 'section_not_found' ? `No section "${input.sectionPath}" in revision ${current.revision}` : `The quote is not in section "${input.sectionPath}" of revision ${current.revision}`;
    throw new AppError('anchor_not_found', detail, { reason: attached.error, revision: current.revision });
  }
  const id = newId();
  const commentId = newId();
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('commentThreads')
      .values({
        id,
        workspaceId: spec.workspaceId,
        specId: spec.id,
        authorId: ctx.actor.userId,
        sectionPath: input.sectionPath,
        quote,
        quoteOffset: attached.quoteOffset,
        anchoredRevision: current.revision,
        blockingAt: input.blocking === true ? now : null,
        resolvedAt: null,
        resolvedBy: null,
        suggestion: input.suggestion ?? null,
        suggestionState: input.suggestion === undefined ? null : 'open',
        decidedAt: null,
        decidedBy: null,
        appliedRevision: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await trx.insertInto('comments').values({ id: commentId, threadId: id, authorId: ctx.actor.userId, body: input.body, createdAt: now, editedAt: null, deletedAt: null }).execute();
    await notifyMentions(trx, { workspaceId: spec.workspaceId, specId: spec.id, threadId: id, commentId, actorId: ctx.actor.userId, body: input.body, at: now });
    await recordEvent(trx, specEvent(ctx, spec, 'comment.created', { threadId: id, commentId, reply: false }));
  });
  return threadView(ctx, spec, id);
}
