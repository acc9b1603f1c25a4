// Live events for GraphQL subscriptions: one stream per subscription, fed by the same EventFeed as
// the WebSocket hub (no database read per subscriber), authorized by the same services
// (access.ts), filtered by the same audience rule (audience.ts), resumed by the same replay
// (replay.ts), and cut off by the same re-checks and close codes (docs/events.md).
import type { WebSocket } from 'ws';
import { AppError, UnauthenticatedError } from '../errors/index.js';
import type { Actor, ServiceDeps } from '../services/context.js';
import { authorizeTopic, reauthenticate, type Credential, type ResolvedTopic } from './access.js';
import { accessRecheckTarget, isPersonal, reaches } from './audience.js';
import type { TopicRequest } from './connection.js';
import type { EventFeed } from './feed.js';
import type { StoredEvent } from './outbox.js';
import type { PresenceBoard, PresenceChange } from './presence.js';
import { catchUp, resyncReason, type Position, type ResyncReason } from './replay.js';
import { CLOSE_CODES, type EventEnvelope } from './schemas.js';

/** What a subscription yields: an event, (resuming too far back) a request to reload, or a presence change. */
export type StreamMessage =
  | { readonly kind: 'event'; readonly event: EventEnvelope }
  | { readonly kind: 'resync'; readonly reason: ResyncReason; readonly lastId: number }
  | { readonly kind: 'presence'; readonly change: PresenceChange };

export interface StreamOptions {
  /** Most outgoing data (bytes) a socket may have waiting before it is closed as a slow consumer. */
  readonly maxBufferedBytes: number;
  readonly recheckMs: number;
  readonly onError: (error: unknown) => void;
}

/** Same limit as the WebSocket endpoint's subscriptions per connection. */
export const MAX_STREAMS_PER_SOCKET = 100;
// A client that does not answer the close handshake is cut off after this.
const CLOSE_GRACE_MS = 2000;

// The size of an event as sent, computed once however many subscribers it goes to.
const sizes = new WeakMap<StoredEvent, number>();
function sizeOf(event: StoredEvent): number {
  let size = sizes.get(event);
  if (size === undefined) {
    size = JSON.stringify(event.envelope).length;
    sizes.set(event, size);
  }
  return size;
}

/** A socket carrying GraphQL subscriptions, with the credential it was opened with. */
interface Owner {
  readonly socket: WebSocket;
  actor: Actor;
  readonly credential: Credential;
  readonly streams: Set<TopicStream>;
  closed: boolean;
}

/** One subscription: an async iterator over its messages, with a queue bounded by the owner's limit. */
class TopicStream implements AsyncIterableIterator<StreamMessage>, Position {
  live = false;
  deliveredUpTo = 0;
  ended = false;
  private readonly queue: { message: StreamMessage; size: number }[] = [];
  private queuedBytes = 0;
  private wake: ((result: IteratorResult<StreamMessage>) => void) | null = null;

  constructor(
    readonly owner: Owner,
    readonly resolved: ResolvedTopic,
    readonly request: TopicRequest,
    private readonly onEnd: (stream: TopicStream) => void,
    /** A presence stream (specPresence): joins and leaves of its spec, no stored events. */
    readonly presence = false,
  ) {}

  get bytes(): number {
    return this.queuedBytes;
  }

  /** Queues a message; false when the stream is over. */
  push(message: StreamMessage, size: number): boolean {
    if (this.ended) return false;
    const wake = this.wake;
    if (wake !== null) {
      this.wake = null;
      wake({ value: message, done: false });
      return true;
    }
    this.queue.push({ message, size });
    this.queuedBytes += size;
    return true;
  }

  next(): Promise<IteratorResult<StreamMessage>> {
    const first = this.queue.shift();
    if (first !== undefined) {
      this.queuedBytes -= first.size;
      return Promise.resolve({ value: first.message, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  return(): Promise<IteratorResult<StreamMessage>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    const wake = this.wake;
    this.wake = null;
    wake?.({ value: undefined, done: true });
    this.onEnd(this);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Every GraphQL subscription of this process, fed from the event feed. */
export class TopicStreams {
  private readonly owners = new Map<WebSocket, Owner>();
  private readonly stops: (() => void)[] = [];
  private viewerCount = 0;

  private constructor(
    private readonly deps: ServiceDeps,
    private readonly feed: EventFeed,
    private readonly presence: PresenceBoard,
    private readonly options: StreamOptions,
  ) {}

  static start(deps: ServiceDeps, feed: EventFeed, presence: PresenceBoard, options: StreamOptions): TopicStreams {
    const streams = new TopicStreams(deps, feed, presence, options);
    streams.stops.push(feed.listen((event) => streams.onEvent(event)));
    streams.stops.push(presence.listen((change) => streams.onPresence(change)));
    const timer = setInterval(() => void streams.recheck([...streams.owners.values()]), options.recheckMs);
    timer.unref();
    streams.stops.push(() => clearInterval(timer));
    return streams;
  }

  /** Open subscriptions (metrics, tests). */
  get size(): number {
    let n = 0;
    for (const owner of this.owners.values()) n += owner.streams.size;
    return n;
  }

  /** Registers a socket authenticated as `actor` at its upgrade; forgotten when it closes. */
  attach(socket: WebSocket, actor: Actor, credential: Credential): void {
    if (this.owners.has(socket)) return;
    const owner: Owner = { socket, actor, credential, streams: new Set(), closed: false };
    this.owners.set(socket, owner);
    socket.once('close', () => this.forget(owner));
  }

  /**
   * Authorizes a subscription for the socket's user (throws the service's AppError, e.g. not_found
   * for outsiders) and returns its messages: a replay after `since` (or a resync), then live events.
   */
  async open(socket: WebSocket, request: TopicRequest, since: number | undefined): Promise<AsyncIterableIterator<StreamMessage>> {
    const owner = this.owners.get(socket);
    if (owner === undefined || owner.closed) throw new UnauthenticatedError();
    if (owner.streams.size >= MAX_STREAMS_PER_SOCKET) throw new AppError('rate_limited', `At most ${MAX_STREAMS_PER_SOCKET} subscriptions per connection`);
    const resolved = await authorizeTopic(this.deps, owner.actor, request);
    if (owner.closed) throw new UnauthenticatedError();
    const stream = new TopicStream(owner, resolved, request, (s) => owner.streams.delete(s));
    owner.streams.add(stream);
    const reason = since === undefined ? null : await resyncReason(this.deps.db, since);
    if (since === undefined || reason !== null) {
      if (reason !== null) stream.push({ kind: 'resync', reason, lastId: this.feed.cursor }, 0);
      stream.deliveredUpTo = this.feed.cursor;
      stream.live = true;
      return stream;
    }
    stream.deliveredUpTo = since;
    // The replay runs while the subscription is already being read; live events wait in the
    // database (not in memory) until it has caught up.
    catchUp(
      this.deps.db,
      this.feed,
      resolved,
      stream,
      (row) => !reaches(resolved, owner.actor.userId, row) || this.offer(stream, row),
      () => !stream.ended,
    ).catch((error: unknown) => {
      this.options.onError(error);
      stream.end();
    });
    return stream;
  }

  /**
   * Makes the socket's user a viewer of a spec (as a spec subscription of /api/v1/events does) and
   * returns the spec's presence changes: joins and leaves with who views it after each, starting
   * with this viewer's own join. Leaving: completing the subscription or closing the socket.
   */
  async openPresence(socket: WebSocket, request: TopicRequest): Promise<AsyncIterableIterator<StreamMessage>> {
    const owner = this.owners.get(socket);
    if (owner === undefined || owner.closed) throw new UnauthenticatedError();
    if (owner.streams.size >= MAX_STREAMS_PER_SOCKET) throw new AppError('rate_limited', `At most ${MAX_STREAMS_PER_SOCKET} subscriptions per connection`);
    const resolved = await authorizeTopic(this.deps, owner.actor, request);
    const specId = resolved.specId;
    if (specId === null) throw new AppError('validation_failed', 'Presence is per spec');
    const user = await this.deps.db.selectFrom('users').select('name').where('id', '=', owner.actor.userId).executeTakeFirst();
    if (owner.closed) throw new UnauthenticatedError();
    const key = this.presence.keyOf(`graphql:${++this.viewerCount}`);
    const viewer = { userId: owner.actor.userId, name: user?.name ?? '' };
    const stream = new TopicStream(
      owner,
      resolved,
      request,
      (s) => {
        owner.streams.delete(s);
        this.presence.announce('leave', specId, key, viewer);
      },
      true,
    );
    owner.streams.add(stream);
    this.presence.announce('join', specId, key, viewer);
    return stream;
  }

  /** Checks one user's sockets now (after a membership or token change). */
  recheckUser(userId: string): Promise<void> {
    return this.recheck([...this.owners.values()].filter((o) => o.actor.userId === userId));
  }

  /** Closes every socket (server shutdown) and stops listening. */
  stop(): void {
    for (const stop of this.stops) stop();
    for (const owner of [...this.owners.values()]) this.close(owner, CLOSE_CODES.goingAway, 'server_shutdown');
  }

  private onEvent(event: StoredEvent): void {
    for (const owner of this.owners.values()) {
      const personal = isPersonal(owner.actor.userId, event);
      for (const stream of owner.streams) {
        if (stream.presence || !stream.live || event.envelope.id <= stream.deliveredUpTo) continue;
        if (!personal && !reaches(stream.resolved, owner.actor.userId, event)) continue;
        stream.deliveredUpTo = event.envelope.id;
        if (!this.offer(stream, event)) break;
      }
    }
    const target = accessRecheckTarget(event);
    if (target !== null) void this.recheckUser(target);
  }

  private onPresence(change: PresenceChange): void {
    const message: StreamMessage = { kind: 'presence', change };
    let size: number | undefined;
    for (const owner of this.owners.values()) {
      for (const stream of owner.streams) {
        if (!stream.presence || stream.resolved.specId !== change.specId) continue;
        size ??= JSON.stringify(change).length;
        if (!this.queue(stream, message, size)) break;
      }
    }
  }

  /** Queues an event (see queue). */
  private offer(stream: TopicStream, event: StoredEvent): boolean {
    return this.queue(stream, { kind: 'event', event: event.envelope }, sizeOf(event));
  }

  /**
   * Queues a message unless the socket has fallen behind: past maxBufferedBytes (queued here plus
   * unsent in the socket) it is closed with 4429 slow_consumer, so memory stays bounded.
   */
  private queue(stream: TopicStream, message: StreamMessage, size: number): boolean {
    const owner = stream.owner;
    if (!stream.push(message, size)) return false;
    let waiting = owner.socket.bufferedAmount;
    for (const s of owner.streams) waiting += s.bytes;
    if (waiting <= this.options.maxBufferedBytes) return true;
    this.close(owner, CLOSE_CODES.slowConsumer, 'slow_consumer');
    return false;
  }

  private async recheck(owners: readonly Owner[]): Promise<void> {
    for (const owner of owners) {
      if (owner.closed) continue;
      try {
        const actor = await reauthenticate(this.deps, owner.credential);
        if (actor === null) {
          this.close(owner, CLOSE_CODES.credentialsRevoked, 'credentials_revoked');
          continue;
        }
        owner.actor = actor;
        for (const stream of [...owner.streams]) await authorizeTopic(this.deps, actor, stream.request);
      } catch (error) {
        if (error instanceof AppError) this.close(owner, CLOSE_CODES.accessRevoked, 'access_revoked');
        else this.options.onError(error);
      }
    }
  }

  private close(owner: Owner, code: number, reason: string): void {
    if (owner.closed) return;
    this.forget(owner);
    owner.socket.close(code, reason);
    setTimeout(() => owner.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private forget(owner: Owner): void {
    owner.closed = true;
    this.owners.delete(owner.socket);
    for (const stream of [...owner.streams]) stream.end();
  }
}
