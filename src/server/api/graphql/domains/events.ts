// Live events as GraphQL subscriptions: the same events, topics and rules as /api/v1/events.
import type { Domain } from '../domain.js';
import { EVENT_TYPES } from '../../../events/schemas.js';
import { subscriptionOperation } from '../subscription.js';

const SINCE = '"The last event id you handled: what came after it is replayed first (or a LiveResync when it is too old)." since: Int';

export const eventDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "A stored event, the envelope /api/v1/events sends (docs/events.md); refresh what you show from it."
    type LiveEvent {
      "Increases in commit order: pass the last one handled as since after a reconnect."
      id: Int!
      "${EVENT_TYPES.join(', ')}"
      type: String!
      workspaceId: ID
      specId: ID
      "Who caused it (null: the system)."
      actorId: ID
      at: String!
      "The type's data, as documented in docs/events.md."
      data: JSON!
    }
    enum ResyncReason { beyond_retention unknown_id }
    "since was older than the retention window or unknown: reload what you show, then treat everything up to lastId as seen."
    type LiveResync { reason: ResyncReason! lastId: Int! }
    union LiveMessage = LiveEvent | LiveResync
    "Someone viewing a spec: the events WebSocket's presence viewer."
    type SpecViewer { userId: ID! name: String! }
    enum PresenceState { join leave }
    "A viewer joined or left a spec; viewers: who views it now, one entry per user."
    type SpecPresence { specId: ID! state: PresenceState! viewer: SpecViewer! viewers: [SpecViewer!]! }
  `,
  subscription: /* GraphQL */ `
    "Events of a workspace (id or key), including your own notifications in it."
    workspaceEvents(workspace: String!, ${SINCE}): LiveMessage!
    "Events of one spec: its server-wide key (SPEC-12) or id, or its number with workspace."
    specEvents(spec: String!, workspace: String, ${SINCE}): LiveMessage!
    "Presence on one spec (addressed as in specEvents): subscribing makes you one of its viewers, as a spec subscription of /api/v1/events does, until you complete it or disconnect. The first message is your own join."
    specPresence(spec: String!, workspace: String): SpecPresence!
  `,
  operations: [],
  subscriptions: [
    subscriptionOperation({
      field: 'Subscription.workspaceEvents',
      rest: 'GET /events',
      topic: (args: { workspace: string; since?: number | null }) => ({ request: { workspace: args.workspace }, since: args.since }),
    }),
    subscriptionOperation({
      field: 'Subscription.specEvents',
      rest: 'GET /events',
      topic: (args: { spec: string; workspace?: string | null; since?: number | null }) => ({
        request: { spec: args.spec, workspace: args.workspace ?? undefined },
        since: args.since,
      }),
    }),
    subscriptionOperation({
      field: 'Subscription.specPresence',
      rest: 'GET /events',
      topic: (args: { spec: string; workspace?: string | null }) => ({ request: { spec: args.spec, workspace: args.workspace ?? undefined }, since: undefined }),
      presence: true,
    }),
  ],
  resolvers: {
    LiveMessage: { resolveType: (value: Record<string, unknown>) => ('type' in value ? 'LiveEvent' : 'LiveResync') },
  },
};
