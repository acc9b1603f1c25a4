import { EVENT_AUDIENCE, EVENT_TYPES, type EventType } from '../events/schemas.js';

/**
 * Event types a webhook may subscribe to: every workspace event. User-audience events
 * (notification.created, token.revoked) concern one person and never leave the server.
 */
export const WEBHOOK_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter((t) => EVENT_AUDIENCE[t] === 'workspace');

/** `*` subscribes to every webhook event type, including ones added later. */
export const ALL_EVENTS = '*';

export function webhookWants(events: readonly string[], type: string): boolean {
  return (events.includes(ALL_EVENTS) || events.includes(type)) && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
