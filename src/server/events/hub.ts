import type { WebSocket } from 'ws';
import { AppError } from '../errors/index.js';
import type { Actor, ServiceDeps } from '../services/context.js';
import { authorizeTopic, reauthenticate, type Credential } from './access.js';
import { accessRecheckTarget } from './audience.js';
import { EventConnection, type ConnectionHost, type Subscription, type TopicRequest } from './connection.js';
import type { EventFeed } from './feed.js';
import type { StoredEvent } from './outbox.js';
import type { PresenceBoard, PresenceChange } from './presence.js';
import { catchUp, resyncReason } from './replay.js';
import { CLOSE_CODES, type ServerMessage } from './schemas.js';

/** Events after which the affected user's connections are checked again at once. */

export interface HubOptions {
  readonly maxBufferedBytes: number;
  /** Every connection's credential and subscriptions are re-checked this often, events or not. */
  readonly recheckMs: number;
  readonly onError: (error: unknown) => void;
}

/**
 * The WebSocket side of live events: accepts authenticated connections, replays what a
 * resuming client missed, fans the feed out to matching subscriptions, keeps presence, and
 * drops connections whose credential or access went away.
 */
export class EventHub implements ConnectionHost {
  private readonly connections = new Set<EventConnection>();
  private readonly stops: (() => void)[] = [];

  private constructor(
    private readonly deps: ServiceDeps,
    private readonly feed: EventFeed,
    private readonly presence: PresenceBoard,
    private readonly options: HubOptions,
  ) {}

  static start(deps: ServiceDeps, feed: EventFeed, presence: PresenceBoard, options: HubOptions): EventHub {
    const hub = new EventHub(deps, feed, presence, options);
    hub.stops.push(feed.listen((event) => hub.onEvent(event)));
    hub.stops.push(presence.listen((change) => hub.onPresence(change)));
    const timer = setInterval(() => void hub.recheckAll(), options.recheckMs);
    timer.unref();
    hub.stops.push(() => clearInterval(timer));
    return hub;
  }

  get maxBufferedBytes(): number {
    return this.options.maxBufferedBytes;
  }

  /** Number of open connections (metrics, tests). */
  get size(): number {
    return this.connections.size;
  }

  /**
   * Takes over an upgraded socket whose request was authenticated as `actor`. Synchronous: the
   * message listener must be in place before the client's first frame (sent right on open).
   */
  accept(socket: WebSocket, actor: Actor, credential: Credential): void {
    const name = this.deps.db
      .selectFrom('users')
      .select('name')
      .where('id', '=', actor.userId)
      .executeTakeFirst()
      .then(
        (user) => user?.name ?? '',
        () => '',
      );
    const connection = new EventConnection(socket, this, actor, credential, name);
    this.connections.add(connection);
    connection.send({ op: 'ready', userId: actor.userId, lastId: this.feed.cursor });
  }

  authorize(actor: Actor, request: TopicRequest): ReturnType<typeof authorizeTopic> {
    return authorizeTopic(this.deps, actor, request);
  }

  /**
   * Confirms a subscription, then replays events after `since` (in id order, through the feed's
   * cursor) and turns it live in the same tick it caught up, so nothing is missed or repeated.
   * Beyond retention (or an id the server never issued) the client is told to resync instead.
   */
  async startSubscription(connection: EventConnection, sub: Subscription, since: number | undefined): Promise<void> {
    const specId = sub.resolved.specId;
    connection.send({
      op: 'subscribed',
      topic: sub.topic,
      workspaceId: sub.resolved.workspaceId,
      specId,
      ...(specId === null ? {} : { viewers: this.presence.viewersOf(specId, this.presence.keyOf(connection.id), { userId: connection.userId, name: connection.userName }) }),
    });
    if (since === undefined) return this.goLive(sub);
    const reason = await resyncReason(this.deps.db, since);
    if (reason !== null) {
      connection.send({ op: 'resync', topic: sub.topic, reason, lastId: this.feed.cursor });
      return this.goLive(sub);
    }
    sub.deliveredUpTo = since;
    await catchUp(
      this.deps.db,
      this.feed,
      sub.resolved,
      sub,
      (row) => !connection.matches(sub, row) || connection.send({ op: 'event', event: row.envelope }),
      () => !connection.closed && connection.subscriptions.get(keyOf(sub)) === sub,
    );
  }

  private goLive(sub: Subscription): void {
    sub.deliveredUpTo = this.feed.cursor;
    sub.live = true;
  }

  viewing(connection: EventConnection, specId: string, on: boolean): void {
    this.presence.announce(on ? 'join' : 'leave', specId, this.presence.keyOf(connection.id), { userId: connection.userId, name: connection.userName });
  }

  detach(connection: EventConnection): void {
    this.connections.delete(connection);
  }

  /** Closes every connection (server shutdown) and stops listening. */
  stop(): void {
    for (const stop of this.stops) stop();
    for (const connection of [...this.connections]) connection.close(CLOSE_CODES.goingAway, 'server_shutdown');
  }

  /** Checks the connections of one user now (after a membership or token change). */
  recheckUser(userId: string): Promise<void> {
    return this.recheck([...this.connections].filter((c) => c.userId === userId));
  }

  private recheckAll(): Promise<void> {
    return this.recheck([...this.connections]);
  }

  private async recheck(connections: readonly EventConnection[]): Promise<void> {
    for (const connection of connections) {
      try {
        const actor = await reauthenticate(this.deps, connection.credential);
        if (actor === null) {
          connection.close(CLOSE_CODES.credentialsRevoked, 'credentials_revoked');
          continue;
        }
        connection.actor = actor;
        for (const sub of [...connection.subscriptions.values()]) await authorizeTopic(this.deps, actor, sub.request);
      } catch (error) {
        if (error instanceof AppError) connection.close(CLOSE_CODES.accessRevoked, 'access_revoked');
        else this.options.onError(error);
      }
    }
  }

  private onEvent(event: StoredEvent): void {
    // Serialized once, when the first connection wants it, however many receive it.
    let text: string | null = null;
    const serialized = (): string => (text ??= JSON.stringify({ op: 'event', event: event.envelope } satisfies ServerMessage));
    for (const connection of this.connections) connection.deliver(event, serialized);
    const target = accessRecheckTarget(event);
    if (target !== null) void this.recheckUser(target);
  }

  private onPresence(change: PresenceChange): void {
    for (const connection of this.connections) {
      if (connection.subscriptions.has(`spec:${change.specId}`)) connection.send({ op: 'presence', specId: change.specId, state: change.state, viewer: change.viewer, viewers: change.viewers });
    }
  }
}

function keyOf(sub: Subscription): string {
  return sub.resolved.specId === null ? `workspace:${sub.resolved.workspaceId}` : `spec:${sub.resolved.specId}`;
}
