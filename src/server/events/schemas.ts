// The live-events protocol, defined once: every event type's `data`, the envelope, and the
// messages of the WebSocket endpoint. docs/events.md is generated from these (a test checks it).
import Type, { type Static, type TSchema } from 'typebox';
import { LIFECYCLE_ACTIONS, LIFECYCLE_STATES } from '../../core/index.js';

const Id = Type.String({ description: 'A UUID' });
const Int = Type.Integer({ minimum: 0 });
const State = Type.Enum([...LIFECYCLE_STATES]);

/** Each stored event type and its `data`; a client refreshes what it shows from these facts. */
export const EVENT_DATA = {
  'spec.created': Type.Object({ key: Type.String({ description: 'e.g. SPEC-12' }), number: Int, title: Type.String(), status: State, revision: Int }),
  'spec.updated': Type.Object({
    changed: Type.Array(Type.Enum(['content', 'title', 'labels']), { description: 'What changed' }),
    revision: Int,
    title: Type.String(),
    labels: Type.Optional(Type.Array(Type.String(), { description: 'The new label set, when labels changed' })),
  }),
  'spec.deleted': Type.Object({ key: Type.String() }),
  'spec.restored': Type.Object({ key: Type.String(), revision: Int }),
  'revision.created': Type.Object({ revision: Int, summary: Type.String() }),
  'spec.status_changed': Type.Object({
    action: Type.Enum([...LIFECYCLE_ACTIONS]),
    from: State,
    to: State,
    version: Int,
    revision: Type.Union([Int, Type.Null()], { description: 'The footer revision the server wrote, if any' }),
  }),
  'version.opened': Type.Object({ version: Int, status: State }),
  'review.requested': Type.Object({
    version: Int,
    reviewerId: Type.Union([Id, Type.Null()], { description: 'The reviewer asked; null when the whole version was sent to review' }),
  }),
  'review.submitted': Type.Object({ version: Int, reviewerId: Id, verdict: Type.Enum(['approved', 'changes_requested', 'rejected']), revision: Int }),
  'comment.created': Type.Object({ threadId: Id, commentId: Id, reply: Type.Boolean({ description: 'false: the comment opened the thread' }) }),
  'comment.resolved': Type.Object({ threadId: Id, resolved: Type.Boolean({ description: 'false: the thread was reopened' }) }),
  'notification.created': Type.Object({ notificationId: Id, kind: Type.Enum(['mention', 'review_requested', 'verdict', 'reminder', 'decision']) }),
  'member.removed': Type.Object({ userId: Id }),
  'member.role_changed': Type.Object({ userId: Id, role: Type.Enum(['owner', 'admin', 'editor', 'viewer']) }),
  'token.revoked': Type.Object({ tokenId: Id }),
  'session.revoked': Type.Object({
    reason: Type.Enum(['sign_out', 'sign_out_everywhere', 'password_changed'], {
      description: 'sign_out: one session signed out; sign_out_everywhere: all of them; password_changed: all but the one that changed it',
    }),
  }),
} as const satisfies Record<string, TSchema>;

export type EventType = keyof typeof EVENT_DATA;
export type EventData<T extends EventType> = Static<(typeof EVENT_DATA)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_DATA) as EventType[];

/** Who may receive an event: workspace subscribers, spec subscribers, or only `userId`'s connections. */
export const EVENT_AUDIENCE: Readonly<Record<EventType, 'workspace' | 'user'>> = {
  'spec.created': 'workspace',
  'spec.updated': 'workspace',
  'spec.deleted': 'workspace',
  'spec.restored': 'workspace',
  'revision.created': 'workspace',
  'spec.status_changed': 'workspace',
  'version.opened': 'workspace',
  'review.requested': 'workspace',
  'review.submitted': 'workspace',
  'comment.created': 'workspace',
  'comment.resolved': 'workspace',
  'notification.created': 'user',
  'member.removed': 'workspace',
  'member.role_changed': 'workspace',
  'token.revoked': 'user',
  'session.revoked': 'user',
};

/** The envelope every stored event is delivered in (`data` per type above). */
export const EventEnvelope = Type.Object({
  id: Type.Integer({ minimum: 1, description: 'Increases in commit order; pass the last one seen as `since` after a reconnect' }),
  type: Type.Enum(EVENT_TYPES),
  workspaceId: Type.Union([Id, Type.Null()]),
  specId: Type.Union([Id, Type.Null()]),
  actorId: Type.Union([Id, Type.Null()], { description: 'Who caused it (null: the system)' }),
  at: Type.String({ format: 'date-time' }),
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type EventEnvelope = Static<typeof EventEnvelope>;

const Topic = Type.Union([
  Type.Object({ workspace: Type.String({ minLength: 1, maxLength: 100, description: 'Workspace id or key' }) }, { additionalProperties: false }),
  Type.Object({ spec: Type.String({ minLength: 1, maxLength: 200, description: 'Spec id or server-wide key (SPEC-12)' }) }, { additionalProperties: false }),
]);

/** Messages a client sends (JSON text frames). */
export const ClientMessage = Type.Union([
  Type.Object(
    {
      op: Type.Literal('subscribe'),
      workspace: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      spec: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      since: Type.Optional(Type.Integer({ minimum: 0, description: 'The last event id seen: what came after it is replayed first' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { op: Type.Literal('unsubscribe'), workspace: Type.Optional(Type.String({ maxLength: 100 })), spec: Type.Optional(Type.String({ maxLength: 200 })) },
    { additionalProperties: false },
  ),
  Type.Object({ op: Type.Literal('ping') }, { additionalProperties: false }),
]);
export type ClientMessage = Static<typeof ClientMessage>;

const Viewer = Type.Object({ userId: Id, name: Type.String() });

/** Messages the server sends. */
export const SERVER_MESSAGES = {
  ready: Type.Object({ op: Type.Literal('ready'), userId: Id, lastId: Type.Integer({ description: 'The newest event id at connect time' }) }),
  subscribed: Type.Object({
    op: Type.Literal('subscribed'),
    topic: Topic,
    workspaceId: Id,
    specId: Type.Union([Id, Type.Null()]),
    viewers: Type.Optional(Type.Array(Viewer, { description: 'Spec topics: who is viewing it now' })),
  }),
  unsubscribed: Type.Object({ op: Type.Literal('unsubscribed'), topic: Topic }),
  event: Type.Object({ op: Type.Literal('event'), event: EventEnvelope }),
  resync: Type.Object({
    op: Type.Literal('resync'),
    topic: Topic,
    reason: Type.Enum(['beyond_retention', 'unknown_id']),
    lastId: Type.Integer({ description: 'Reload the state, then consider everything up to this id seen' }),
  }),
  presence: Type.Object({ op: Type.Literal('presence'), specId: Id, state: Type.Enum(['join', 'leave']), viewer: Viewer, viewers: Type.Array(Viewer) }),
  error: Type.Object({ op: Type.Literal('error'), code: Type.String(), message: Type.String() }),
  pong: Type.Object({ op: Type.Literal('pong') }),
} as const satisfies Record<string, TSchema>;
export type ServerMessage = { [K in keyof typeof SERVER_MESSAGES]: Static<(typeof SERVER_MESSAGES)[K]> }[keyof typeof SERVER_MESSAGES];
export type Viewer = Static<typeof Viewer>;
export type TopicRef = Static<typeof Topic>;

/**
 * Codes of `error` messages about the message itself. Refused subscriptions carry the service's
 * problem code instead (not_found, insufficient_scope...), as REST would answer.
 */
export const PROTOCOL_ERROR_CODES = ['bad_message', 'too_many_subscriptions'] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

/** WebSocket close codes the server uses (4000-4999 are the application's). */
export const CLOSE_CODES = {
  /** The session or token is no longer valid (signed out, revoked, expired). */
  credentialsRevoked: 4401,
  /** The user lost access to something they were subscribed to (removed, role changed). */
  accessRevoked: 4403,
  /** The client read too slowly: its send buffer passed the limit. */
  slowConsumer: 4429,
  /** The server is shutting down. */
  goingAway: 1001,
  /** Not JSON, or not a known message. */
  badMessage: 1008,
} as const;
