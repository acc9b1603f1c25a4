// Who receives a stored event through a subscription, and whose open sockets it re-checks: one rule
// for the WebSocket endpoint, GraphQL subscriptions and co-editing alike (docs/events.md, "Who
// receives what").
import type { ResolvedTopic } from './access.js';
import type { StoredEvent } from './outbox.js';

/** Whether `event` is for `userId` through a subscription to `topic`. */
export function reaches(topic: ResolvedTopic, userId: string, event: StoredEvent): boolean {
  if (event.userId !== null && event.userId !== userId) return false;
  const { envelope } = event;
  if (topic.specId !== null) return envelope.specId === topic.specId;
  return envelope.workspaceId === topic.workspaceId;
}

/** A user-audience event outside any workspace (token.revoked): its user hears of it whatever they watch. */
export function isPersonal(userId: string, event: StoredEvent): boolean {
  return event.userId !== null && event.userId === userId && event.envelope.workspaceId === null;
}

/** Events that can take away what a user may read or how they are signed in. */
const ACCESS_EVENTS: ReadonlySet<string> = new Set(['member.removed', 'member.role_changed', 'token.revoked', 'session.revoked']);

/** The user whose open sockets `event` requires re-checking (access or credentials changed), if any. */
export function accessRecheckTarget(event: StoredEvent): string | null {
  if (!ACCESS_EVENTS.has(event.envelope.type)) return null;
  const { userId } = event.envelope.data;
  return event.userId ?? (typeof userId === 'string' ? userId : null);
}
