// Live refresh: one WebSocket to /api/v1/events (docs/events.md) for the whole app. Events are
// facts with ids, so the client never patches its state from them: it invalidates the TanStack
// queries the event makes stale and lets them refetch through REST.
//
// Use from a screen:
//   useLiveTopic({ workspace: 'SPEC' })            subscribe while mounted (reference counted;
//                                                  useLiveTopics([...]) for several)
//   useLiveTopic({ spec: 'SPEC-12' })              spec topic: also makes you a viewer (presence)
//   useLiveMessages((message) => ...)              every server message (events, presence, resync)
// Invalidation for the app's own query keys happens here (invalidateFor); a screen with its own
// keys can listen with useLiveMessages and invalidate them itself.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

export interface LiveEvent {
  id: number;
  type: string;
  workspaceId: string | null;
  specId: string | null;
  actorId: string | null;
  at: string;
  data: Record<string, unknown>;
}

export type Topic = { workspace: string } | { spec: string; workspace?: string };

/** Someone viewing a spec (presence). */
export interface Viewer {
  userId: string;
  name: string;
}

export type ServerMessage =
  | { op: 'ready'; userId: string; lastId: number }
  | { op: 'subscribed'; topic: Topic; workspaceId: string; specId: string | null; viewers?: Viewer[] }
  | { op: 'unsubscribed'; topic: Topic }
  | { op: 'event'; event: LiveEvent }
  | { op: 'resync'; topic: Topic; reason: string; lastId: number }
  | { op: 'presence'; specId: string; state: 'join' | 'leave'; viewer: Viewer; viewers: Viewer[] }
  | { op: 'error'; code: string; message: string }
  | { op: 'pong' };

/** Query kinds keyed [kind, ws, n] that belong to one spec (see queries.ts keys). */
const SPEC_QUERY_KINDS = new Set(['spec', 'lint', 'revisions', 'review', 'versions', 'threads', 'diff']);
/** Query kinds keyed [kind, ws, ...] that summarize a workspace. */
const WORKSPACE_QUERY_KINDS = new Set(['specs', 'search', 'insights', 'overdue-reviews', 'labels']);

const topicKey = (topic: Topic): string => JSON.stringify(topic);
const sameWs = (a: unknown, b: string): boolean => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** The workspace refs (as the screens use them in query keys) a workspace id was subscribed under. */
function workspaceRefsOf(ids: Map<string, Set<string>>, workspaceId: string | null): string[] {
  return workspaceId === null ? [] : [...(ids.get(workspaceId) ?? [])];
}

/** Marks stale (and refetches when on screen) every query the event may have changed. */
export function invalidateFor(client: QueryClient, event: LiveEvent, workspaceRefs: string[]): void {
  const refs = workspaceRefs;
  const inWorkspace = (key: readonly unknown[]) => refs.some((ws) => sameWs(key[1], ws));
  if (event.type === 'notification.created') {
    void client.invalidateQueries({ queryKey: ['notifications'] });
    return;
  }
  if (event.type === 'member.removed' || event.type === 'member.role_changed') {
    void client.invalidateQueries({ queryKey: ['me'] });
    void client.invalidateQueries({ predicate: (q) => (q.queryKey[0] === 'members' || q.queryKey[0] === 'workspace') && inWorkspace(q.queryKey) });
  }
  if (event.specId !== null) {
    // Spec pages are keyed by number or key from the URL: find them by the id their data carries.
    const shown = client
      .getQueryCache()
      .findAll({ queryKey: ['spec'] })
      .filter((q) => (q.state.data as { id?: string } | undefined)?.id === event.specId)
      .map((q) => q.queryKey);
    void client.invalidateQueries({
      predicate: (q) => SPEC_QUERY_KINDS.has(String(q.queryKey[0])) && shown.some((k) => sameWs(q.queryKey[1], String(k[1])) && q.queryKey[2] === k[2]),
    });
  }
  if (event.workspaceId !== null) {
    void client.invalidateQueries({ predicate: (q) => WORKSPACE_QUERY_KINDS.has(String(q.queryKey[0])) && inWorkspace(q.queryKey) });
  }
}

type Listener = (message: ServerMessage) => void;
export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * The connection: subscriptions survive reconnects (resubscribed with `since` = the last event id
 * handled, so nothing is missed); `resync` or a closed gap refetches everything.
 */
export class LiveEvents {
  private socket: WebSocket | null = null;
  private readonly topics = new Map<string, { topic: Topic; count: number }>();
  private readonly listeners = new Set<Listener>();
  /** Workspace id -> the refs it was subscribed under (keys of the screens' queries). */
  private readonly workspaceRefs = new Map<string, Set<string>>();
  private lastId: number | null = null;
  /** Spec id -> its viewers as last heard, kept for a screen that mounts on an existing subscription. */
  private readonly viewerLists = new Map<string, Viewer[]>();
  private readonly seen = new Set<number>();
  private retryMs = 1000;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly client: QueryClient,
    private readonly url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/events`,
  ) {}

  /** Subscribe (counted); the returned function unsubscribes. */
  subscribe(topic: Topic): () => void {
    const key = topicKey(topic);
    const entry = this.topics.get(key);
    if (entry !== undefined) entry.count++;
    else {
      this.topics.set(key, { topic, count: 1 });
      this.send({ op: 'subscribe', ...topic, ...(this.lastId === null ? {} : { since: this.lastId }) });
      this.connect();
    }
    return () => {
      const current = this.topics.get(key);
      if (current === undefined) return;
      current.count--;
      if (current.count > 0) return;
      this.topics.delete(key);
      this.send({ op: 'unsubscribe', ...topic });
    };
  }

  /** Who views the spec, as last heard (undefined: nothing heard on this connection yet). */
  viewers(specId: string): Viewer[] | undefined {
    return this.viewerLists.get(specId);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Signed out: drop the connection (it is authenticated as the old user) and forget positions. */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) {
      socket.onclose = null;
      socket.close(1000);
    }
    this.lastId = null;
    this.seen.clear();
    this.viewerLists.clear();
    this.workspaceRefs.clear();
    this.setState('offline');
    // Topics still wanted (normally none once signed out) connect afresh.
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
  }

  private setState(state: LiveState): void {
    // For tests and debugging: <html data-live="live">.
    document.documentElement.dataset.live = state;
  }

  private send(message: Record<string, unknown>): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.socket !== null || this.stopped || this.topics.size === 0) return;
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 1000;
      for (const { topic } of this.topics.values()) this.send({ op: 'subscribe', ...topic, ...(this.lastId === null ? {} : { since: this.lastId }) });
    };
    socket.onmessage = (m: MessageEvent<string>) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(m.data) as ServerMessage;
      } catch {
        return;
      }
      this.handle(message);
    };
    socket.onclose = (closed) => {
      this.socket = null;
      // Presence is per connection: what we heard ends with it (a reconnect's subscribe brings it back).
      this.viewerLists.clear();
      this.setState('offline');
      // Credentials or access went away: the app re-reads who it is signed in as (sign-in screen).
      if (closed.code === 4401 || closed.code === 4403) void this.client.invalidateQueries({ queryKey: ['me'] });
      if (closed.code === 4401 || this.stopped) return;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.connect();
      }, this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    };
  }

  private handle(message: ServerMessage): void {
    if (message.op === 'ready') {
      // First connection: start from the server's position (the screens just read through REST).
      this.lastId ??= message.lastId;
    } else if (message.op === 'subscribed') {
      const ref = 'workspace' in message.topic && !('spec' in message.topic) ? message.topic.workspace : undefined;
      if (ref !== undefined) this.workspaceRefs.set(message.workspaceId, (this.workspaceRefs.get(message.workspaceId) ?? new Set()).add(ref));
      if (message.specId !== null && message.viewers !== undefined) this.viewerLists.set(message.specId, message.viewers);
      this.setState('live');
    } else if (message.op === 'event') {
      const { event } = message;
      // A replay may bring an event through two subscriptions: handle each id once.
      if (this.seen.has(event.id)) return;
      this.seen.add(event.id);
      if (this.seen.size > 2000) this.seen.delete(this.seen.values().next().value ?? 0);
      this.lastId = Math.max(this.lastId ?? 0, event.id);
      invalidateFor(this.client, event, workspaceRefsOf(this.workspaceRefs, event.workspaceId));
    } else if (message.op === 'presence') {
      this.viewerLists.set(message.specId, message.viewers);
    } else if (message.op === 'resync') {
      // Events were lost (beyond retention): reload everything shown, continue from lastId.
      this.lastId = Math.max(this.lastId ?? 0, message.lastId);
      void this.client.invalidateQueries();
    }
    for (const listener of this.listeners) listener(message);
  }
}

let shared: LiveEvents | null = null;

/** The app's one connection (created on first use). */
export function liveEvents(client: QueryClient): LiveEvents {
  shared ??= new LiveEvents(client);
  return shared;
}

/** Subscribes to these topics while the calling component is mounted. */
export function useLiveTopics(topics: readonly Topic[]): void {
  const client = useQueryClient();
  const key = JSON.stringify(topics);
  useEffect(() => {
    const live = liveEvents(client);
    const stops = (JSON.parse(key) as Topic[]).map((topic) => live.subscribe(topic));
    return () => stops.forEach((stop) => stop());
  }, [client, key]);
}

/** Subscribes to a topic while the calling component is mounted (null: nothing). */
export function useLiveTopic(topic: Topic | null): void {
  useLiveTopics(topic === null ? [] : [topic]);
}

/** Calls `listener` with every server message while mounted (the latest listener is used). */
export function useLiveMessages(listener: Listener): void {
  const client = useQueryClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => liveEvents(client).listen((m) => latest.current(m)), [client]);
}

/**
 * Who is viewing the spec now (everyone, the caller included; null until the server said), kept
 * current by presence messages. Subscribes to the spec topic while mounted, which is what makes
 * the caller a viewer too.
 */
export function useSpecViewers(specRef: string, specId: string): Viewer[] | null {
  const client = useQueryClient();
  const [viewers, setViewers] = useState<Viewer[] | null>(() => liveEvents(client).viewers(specId) ?? null);
  useLiveMessages((message) => {
    if (message.op === 'presence' && message.specId === specId) setViewers(message.viewers);
    else if (message.op === 'subscribed' && message.specId === specId && message.viewers !== undefined) setViewers(message.viewers);
  });
  useLiveTopic({ spec: specRef });
  return viewers;
}
