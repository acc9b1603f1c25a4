// Builders of the events services record, so each call site stays one line.
import type { NewEvent } from './record.js';
import { specEvent } from './record.js';
import type { EventData } from './schemas.js';

type Ctx = Parameters<typeof specEvent>[0];
interface SpecLike {
  readonly id: string;
  readonly workspaceId: string;
  readonly title: string;
}

/** A content change committed as `next.revision`: spec.updated (content, maybe title) and revision.created. */
export function contentEvents(ctx: Ctx, before: SpecLike, next: SpecLike & { readonly revision: number }, summary: string): NewEvent[] {
  const changed: EventData<'spec.updated'>['changed'] = next.title === before.title ? ['content'] : ['content', 'title'];
  return [
    specEvent(ctx, next, 'spec.updated', { changed, revision: next.revision, title: next.title }),
    specEvent(ctx, next, 'revision.created', { revision: next.revision, summary }),
  ];
}

/** A relabel (no new revision). */
export function labelsEvent(ctx: Ctx, spec: SpecLike & { readonly revision: number }, labels: readonly string[]): NewEvent {
  return specEvent(ctx, spec, 'spec.updated', { changed: ['labels'], revision: spec.revision, title: spec.title, labels: [...labels] });
}

/** A workflow transition: spec.status_changed, and review.requested when the version went to review. */
export function transitionEvents(
  ctx: Ctx,
  spec: { readonly id: string; readonly workspaceId: string },
  record: EventData<'spec.status_changed'>,
): NewEvent[] {
  const events: NewEvent[] = [specEvent(ctx, spec, 'spec.status_changed', { action: record.action, from: record.from, to: record.to, version: record.version, revision: record.revision })];
  if (record.action === 'request_review') events.push(specEvent(ctx, spec, 'review.requested', { version: record.version, reviewerId: null }));
  return events;
}

/** A user's membership changed (removed, or a new role): their connections are re-checked at once. */
export function membershipEvent(ctx: Ctx, workspaceId: string, userId: string, role: EventData<'member.role_changed'>['role'] | null): NewEvent {
  const at = ctx.deps.clock.now().toISOString();
  return role === null
    ? { type: 'member.removed', workspaceId, actorId: ctx.actor.userId, data: { userId }, at }
    : { type: 'member.role_changed', workspaceId, actorId: ctx.actor.userId, data: { userId, role }, at };
}

/** Sessions of a user were revoked: only that user hears of it, and their connections are re-checked. */
export function sessionRevokedEvent(userId: string, reason: EventData<'session.revoked'>['reason'], at: string): NewEvent {
  return { type: 'session.revoked', workspaceId: null, userId, actorId: userId, data: { reason }, at };
}

/** A token was revoked: only its owner hears of it, and their connections are re-checked. */
export function tokenRevokedEvent(ctx: Ctx, ownerId: string, tokenId: string): NewEvent {
  return { type: 'token.revoked', workspaceId: null, userId: ownerId, actorId: ctx.actor.userId, data: { tokenId }, at: ctx.deps.clock.now().toISOString() };
}
