import Value from 'typebox/value';
import type { WebSocket } from 'ws';
import { AppError } from '../errors/index.js';
import type { Actor } from '../services/context.js';
import type { Credential, ResolvedTopic } from './access.js';
import { isPersonal, reaches } from './audience.js';
import type { StoredEvent } from './outbox.js';
import { CLOSE_CODES, ClientMessage, type ProtocolErrorCode, type ServerMessage, type TopicRef } from './schemas.js';

/** What a connection needs from the hub it belongs to. */
export interface ConnectionHost {
  readonly maxBufferedBytes: number;
  authorize(actor: Actor, request: TopicRequest): Promise<ResolvedTopic>;
  /** Replays a subscription from `since` and makes it live; see Hub. */
  startSubscription(connection: EventConnection, subscription: Subscription, since: number | undefined): Promise<void>;
  viewing(connection: EventConnection, specId: string, on: boolean): void;
  detach(connection: EventConnection): void;
}

/** A topic as the client named it (a spec by number also names its workspace). */
export interface TopicRequest {
  readonly workspace?: string | undefined;
  readonly spec?: string | undefined;
}

export interface Subscription {
  readonly topic: TopicRef;
  /** Re-authorized on membership and token changes. */
  readonly request: TopicRequest;
  readonly resolved: ResolvedTopic;
  /** False while a replay is running: live events for it wait in the database until it catches up. */
  live: boolean;
  /** The last event id delivered for this subscription. */
  deliveredUpTo: number;
}

const MAX_SUBSCRIPTIONS = 100;

/** An error about the message itself: codes of the protocol (docs/events.md), not HTTP problems. */
function protocolNotice(code: ProtocolErrorCode, message: string): ServerMessage {
  return { op: 'error', code, message };
}
// A client that does not answer the close handshake is cut off after this.
const CLOSE_GRACE_MS = 2000;

let counter = 0;

/** One WebSocket client: its credential, subscriptions and bounded send path. */
export class EventConnection {
  readonly id = `c${++counter}`;
  readonly subscriptions = new Map<string, Subscription>();
  closed = false;
  /** The user's display name (presence), once loaded. */
  userName = '';

  constructor(
    readonly socket: WebSocket,
    private readonly host: ConnectionHost,
    public actor: Actor,
    readonly credential: Credential,
    private readonly nameLoaded: Promise<string>,
  ) {
    socket.on('message', (raw: Buffer | ArrayBuffer | Buffer[], isBinary) => {
      void this.onMessage(isBinary ? null : Buffer.isBuffer(raw) ? raw.toString('utf8') : Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw).toString('utf8'));
    });
    socket.on('close', () => this.dispose());
  }

  get userId(): string {
    return this.actor.userId;
  }

  /**
   * Sends a message unless the client has fallen behind: once more than maxBufferedBytes wait in
   * the socket's buffer the connection is closed (4429 slow_consumer), so memory stays bounded.
   */
  send(message: ServerMessage): boolean {
    return this.sendText(JSON.stringify(message));
  }

  /** send() of a message already serialized (an event goes to many connections as the same text). */
  sendText(text: string): boolean {
    if (this.closed) return false;
    this.socket.send(text);
    if (this.socket.bufferedAmount > this.host.maxBufferedBytes) {
      this.close(CLOSE_CODES.slowConsumer, 'slow_consumer');
      return false;
    }
    return true;
  }

  /** Whether a stored event is for this connection through this subscription. */
  matches(subscription: Subscription, event: StoredEvent): boolean {
    return reaches(subscription.resolved, this.userId, event);
  }

  /** Live delivery: once per connection, through whichever live subscription covers it. */
  deliver(event: StoredEvent, text: () => string): void {
    let wanted = isPersonal(this.userId, event);
    for (const sub of this.subscriptions.values()) {
      if (!sub.live || event.envelope.id <= sub.deliveredUpTo) continue;
      if (this.matches(sub, event)) {
        sub.deliveredUpTo = event.envelope.id;
        wanted = true;
      }
    }
    if (wanted) this.sendText(text());
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sub of this.subscriptions.values()) if (sub.resolved.specId !== null) this.host.viewing(this, sub.resolved.specId, false);
    this.subscriptions.clear();
    this.host.detach(this);
  }

  private async onMessage(text: string | null): Promise<void> {
    let message: unknown;
    try {
      message = text === null ? null : JSON.parse(text);
    } catch {
      message = null;
    }
    if (!Value.Check(ClientMessage, message)) {
      this.send(protocolNotice('bad_message', 'Send JSON text: {"op":"subscribe","workspace":"KEY"}, {"op":"subscribe","spec":"KEY-1","since":42}, {"op":"unsubscribe",...} or {"op":"ping"}'));
      return;
    }
    try {
      if (message.op === 'ping') this.send({ op: 'pong' });
      else if (message.op === 'subscribe') await this.subscribe(message);
      else this.unsubscribe(message);
    } catch (error) {
      if (error instanceof AppError) this.send({ op: 'error', code: error.code, message: error.message });
      else throw error;
    }
  }

  private topicOf(message: { workspace?: string | undefined; spec?: string | undefined }): TopicRef | null {
    if (message.spec !== undefined) return { spec: message.spec };
    if (message.workspace !== undefined) return { workspace: message.workspace };
    return null;
  }

  private async subscribe(message: { workspace?: string | undefined; spec?: string | undefined; since?: number | undefined }): Promise<void> {
    const topic = this.topicOf(message);
    if (topic === null) {
      this.send(protocolNotice('bad_message', 'subscribe needs "workspace" or "spec"'));
      return;
    }
    this.userName = await this.nameLoaded;
    // A spec named by number needs its workspace: { spec: "12", workspace: "SPEC" } resolves like REST.
    const request: TopicRequest = { workspace: message.workspace, spec: message.spec };
    const resolved = await this.host.authorize(this.actor, request);
    if (this.closed) return;
    const key = resolved.specId === null ? `workspace:${resolved.workspaceId}` : `spec:${resolved.specId}`;
    if (this.subscriptions.has(key)) this.subscriptions.delete(key);
    else if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      this.send(protocolNotice('too_many_subscriptions', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection`));
      return;
    }
    const subscription: Subscription = { topic, request, resolved, live: false, deliveredUpTo: 0 };
    this.subscriptions.set(key, subscription);
    if (resolved.specId !== null) this.host.viewing(this, resolved.specId, true);
    await this.host.startSubscription(this, subscription, message.since);
  }

  private unsubscribe(message: { workspace?: string | undefined; spec?: string | undefined }): void {
    const topic = this.topicOf(message);
    for (const [key, sub] of this.subscriptions) {
      const byWorkspace = message.spec === undefined && sub.resolved.specId === null && (sub.request.workspace === message.workspace || sub.resolved.workspaceId === message.workspace);
      const bySpec = message.spec !== undefined && sub.resolved.specId !== null && (sub.request.spec === message.spec || sub.resolved.specId === message.spec);
      if (!byWorkspace && !bySpec) continue;
      this.subscriptions.delete(key);
      if (sub.resolved.specId !== null) this.host.viewing(this, sub.resolved.specId, false);
    }
    if (topic !== null) this.send({ op: 'unsubscribed', topic });
  }
}
