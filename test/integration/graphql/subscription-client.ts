// A real GraphQL-over-WebSocket client (the graphql-transport-ws protocol, spoken with `ws`) for
// the subscription suites, with a message queue tests can await.
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { ApiClient, TestServer } from '../harness.js';
import type { GraphqlError } from './helpers.js';

export interface ProtocolMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: unknown;
}

export interface LiveEventData {
  readonly __typename: 'LiveEvent';
  readonly id: number;
  readonly type: string;
  readonly workspaceId: string | null;
  readonly specId: string | null;
  readonly actorId: string | null;
  readonly at: string;
  readonly data: Record<string, unknown>;
}

export interface LiveResyncData {
  readonly __typename: 'LiveResync';
  readonly reason: string;
  readonly lastId: number;
}

export type LiveMessageData = LiveEventData | LiveResyncData;

/** Every field of LiveMessage, for workspaceEvents and specEvents. */
export const MESSAGE_FIELDS = '__typename ... on LiveEvent { id type workspaceId specId actorId at data } ... on LiveResync { reason lastId }';
export const WORKSPACE_EVENTS = `subscription W($workspace: String!, $since: Int) { workspaceEvents(workspace: $workspace, since: $since) { ${MESSAGE_FIELDS} } }`;
export const SPEC_EVENTS = `subscription S($spec: String!, $workspace: String, $since: Int) { specEvents(spec: $spec, workspace: $workspace, since: $since) { ${MESSAGE_FIELDS} } }`;

export interface ConnectOptions {
  readonly client?: ApiClient;
  /** Default: the server's own origin; null: no Origin header. */
  readonly origin?: string | null;
}

export interface GraphqlLive {
  readonly socket: WebSocket;
  readonly messages: ProtocolMessage[];
  /** Starts a subscription; returns its id. */
  subscribe(query: string, variables?: Record<string, unknown>): string;
  /** Starts a subscription and waits until the server has it live (its stream is registered). */
  subscribeLive(server: TestServer, query: string, variables?: Record<string, unknown>): Promise<string>;
  /** The next message of subscription `id` (next, error or complete) matching `accept`. */
  next(id: string, accept?: (m: ProtocolMessage) => boolean, timeoutMs?: number): Promise<ProtocolMessage>;
  /** The next data of subscription `id` that is a LiveEvent matching `accept`. */
  nextEvent(id: string, accept?: (e: LiveEventData) => boolean, timeoutMs?: number): Promise<LiveEventData>;
  /** The errors of a refused subscription. */
  errorsOf(id: string): Promise<GraphqlError[]>;
  complete(id: string): void;
  readonly closed: Promise<{ code: number; reason: string; at: number }>;
  close(): void;
}

function wsUrl(server: TestServer): string {
  return `${server.baseUrl.replace(/^http/, 'ws')}/graphql`;
}

function headersOf(server: TestServer, options: ConnectOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const client = options.client;
  if (client?.token !== null && client?.token !== undefined) headers.authorization = `Bearer ${client.token}`;
  else if (client?.cookie !== null && client?.cookie !== undefined) headers.cookie = `specboard_session=${client.cookie}`;
  const origin = options.origin === undefined ? server.baseUrl : options.origin;
  if (origin !== null) headers.origin = origin;
  return headers;
}

/** Why an upgrade of /graphql was refused: the HTTP status and the GraphQL error code. */
export async function refusedGraphqlUpgrade(server: TestServer, options: ConnectOptions = {}): Promise<{ status: number; code: string | null }> {
  const socket = new WebSocket(wsUrl(server), 'graphql-transport-ws', { headers: headersOf(server, options) });
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        let code: string | null;
        try {
          const parsed = JSON.parse(body) as { errors?: GraphqlError[] };
          code = parsed.errors?.[0]?.extensions.code ?? null;
        } catch {
          code = null;
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    socket.on('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.on('error', () => undefined);
  });
}

/** Opens a graphql-transport-ws connection and waits for connection_ack. */
export async function connectGraphql(server: TestServer, options: ConnectOptions = {}): Promise<GraphqlLive> {
  const socket = new WebSocket(wsUrl(server), 'graphql-transport-ws', { headers: headersOf(server, options) });
  const messages: ProtocolMessage[] = [];
  const taken = new Map<string, number>();
  const waiters: (() => void)[] = [];
  let counter = 0;
  socket.on('message', (raw: Buffer) => {
    messages.push(JSON.parse(raw.toString('utf8')) as ProtocolMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8'), at: Date.now() });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const wait = async (key: string, accept: (m: ProtocolMessage) => boolean, timeoutMs: number): Promise<ProtocolMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let index = taken.get(key) ?? 0;
      while (index < messages.length) {
        const m = messages[index++];
        taken.set(key, index);
        if (m !== undefined && accept(m)) return m;
      }
      if (socket.readyState === WebSocket.CLOSED) throw new Error(`closed while waiting; got ${JSON.stringify(messages.slice(-5))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a message; last: ${JSON.stringify(messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const send = (message: ProtocolMessage): void => socket.send(JSON.stringify(message));
  const subscribe = (query: string, variables: Record<string, unknown> = {}): string => {
    const id = String(++counter);
    send({ type: 'subscribe', id, payload: { query, variables } });
    return id;
  };
  const next = (id: string, accept: (m: ProtocolMessage) => boolean = () => true, timeoutMs = 5000): Promise<ProtocolMessage> =>
    wait(`sub:${id}`, (m) => m.id === id && accept(m), timeoutMs);
  const live: GraphqlLive = {
    socket,
    messages,
    subscribe,
    async subscribeLive(server, query, variables) {
      const before = server.app.liveEvents.streams.size;
      const id = subscribe(query, variables);
      await expect.poll(() => server.app.liveEvents.streams.size, { timeout: 5000 }).toBeGreaterThan(before);
      return id;
    },
    next,
    async nextEvent(id, accept = () => true, timeoutMs) {
      const m = await next(
        id,
        (x) => {
          if (x.type !== 'next') return x.type === 'error' || x.type === 'complete';
          const data = (x.payload as { data?: Record<string, LiveMessageData> }).data;
          const value = data === undefined ? undefined : Object.values(data)[0];
          return value?.__typename === 'LiveEvent' && accept(value);
        },
        timeoutMs,
      );
      if (m.type !== 'next') throw new Error(`subscription ${id} ended: ${JSON.stringify(m)}`);
      return Object.values((m.payload as { data: Record<string, LiveEventData> }).data)[0] as LiveEventData;
    },
    async errorsOf(id) {
      const m = await next(id, (x) => x.type === 'error' || x.type === 'next');
      expect(m.type, JSON.stringify(m)).toBe('error');
      return m.payload as GraphqlError[];
    },
    complete: (id) => send({ type: 'complete', id }),
    closed,
    close: () => socket.close(),
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  send({ type: 'connection_init', payload: {} });
  await wait('ack', (m) => m.type === 'connection_ack', 5000);
  return live;
}

/** The data of a `next` message: the subscription field's value. */
export function dataOf(message: ProtocolMessage): LiveMessageData {
  const data = (message.payload as { data: Record<string, LiveMessageData> }).data;
  const value = Object.values(data)[0];
  if (value === undefined) throw new Error(`no data in ${JSON.stringify(message)}`);
  return value;
}
