// Who receives a stored event through a subscription: one rule for the WebSocket endpoint and
// GraphQL subscriptions alike (docs/events.md, "Who receives what").
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
