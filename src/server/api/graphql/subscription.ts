// GraphQL subscriptions: each field mirrors the live-events WebSocket (`GET /events`), borrowing
// its access rule like any other field, and reads the process's TopicStreams (the same feed,
// topic authorization, audience filter, replay and close codes as /api/v1/events).
import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import WebSocket from 'ws';
import { AppError, UnauthenticatedError, ValidationError } from '../../errors/index.js';
import type { TopicRequest } from '../../events/connection.js';
import type { StreamMessage } from '../../events/index.js';
import { checkUpgradeOrigin, credentialOf } from '../routes/events.js';
import { codedError } from './errors.js';
import { requestOf, type Guard } from './operation.js';

/** A `Subscription` field as the counterpart of a REST operation. */
export interface SubscriptionOperation {
  readonly field: string;
  readonly rest: string;
  readonly subscribe: (guard: Guard, args: unknown, context: MercuriusContext) => Promise<AsyncIterable<StreamMessage>>;
}

// Where the subscription context keeps the connection's socket.
const SOCKET_KEY = 'liveSocket';

function socketOf(context: MercuriusContext): WebSocket | null {
  const value: unknown = Reflect.get(context, SOCKET_KEY);
  return value instanceof WebSocket ? value : null;
}

/** Declares a subscription field whose arguments name a topic of the live events. */
export function subscriptionOperation<A>(spec: {
  readonly field: string;
  readonly rest: string;
  readonly topic: (args: A) => { request: TopicRequest; since: number | null | undefined };
  /** Presence of the spec (joining it as a viewer) instead of its events. */
  readonly presence?: boolean;
}): SubscriptionOperation {
  return {
    field: spec.field,
    rest: spec.rest,
    subscribe: async (guard, args, context) => {
      try {
        guard(context, {});
        const { request, since } = spec.topic(args as A);
        if (since !== undefined && since !== null && since < 0) throw ValidationError.field('since', 'too_small', 'since is an event id: 0 or more');
        // The events endpoint's limits on topic names.
        if ((request.workspace?.length ?? 0) > 100) throw ValidationError.field('workspace', 'too_long', 'At most 100 characters');
        if ((request.spec?.length ?? 0) > 200) throw ValidationError.field('spec', 'too_long', 'At most 200 characters');
        const socket = socketOf(context);
        if (socket === null) throw new AppError('upgrade_required', 'Subscriptions run over a WebSocket at /graphql (graphql-transport-ws); see docs/graphql.md');
        const streams = requestOf(context).server.liveEvents.streams;
        return await (spec.presence === true ? streams.openPresence(socket, request) : streams.open(socket, request, since ?? undefined));
      } catch (error) {
        // Mercurius sends a failed subscribe as it is: give it our code and status here.
        throw error instanceof AppError ? codedError(error) : error;
      }
    },
  };
}

/** The payload each subscription field resolves to: the event's envelope, the resync notice, or a presence change. */
export function messageOf(message: StreamMessage): Record<string, unknown> {
  if (message.kind === 'event') return message.event;
  if (message.kind === 'resync') return { reason: message.reason, lastId: message.lastId };
  const { specId, state, viewer, viewers } = message.change;
  return { specId, state, viewer, viewers };
}

/**
 * The upgrade of /graphql to a WebSocket follows the events endpoint's rules: an authenticated
 * caller (session cookie or bearer token; /graphql itself also serves anonymous requests) and the
 * Origin check of CSRF.
 */
export function checkSubscriptionUpgrade(request: FastifyRequest): void {
  if (!request.ws) return;
  if (request.actor === null) throw new UnauthenticatedError('unauthenticated', 'Sign in or send an API token to subscribe');
  checkUpgradeOrigin(request);
}

/** Mercurius' subscription context: registers the socket with its credential (read at subscribe). */
export function subscriptionContext(socket: WebSocket, request: FastifyRequest): Record<string, unknown> {
  const actor = request.actor;
  if (actor === null) throw new UnauthenticatedError();
  request.server.liveEvents.streams.attach(socket, actor, credentialOf(request));
  return { [SOCKET_KEY]: socket };
}
