// A real WebSocket client for the live-events endpoint, with a message queue tests can await.
import WebSocket from 'ws';
import type { ApiClient, TestServer } from '../harness.js';

export interface Message {
  readonly op: string;
  readonly [key: string]: unknown;
}

export interface EventEnvelopeLike {
  readonly id: number;
  readonly type: string;
  readonly workspaceId: string | null;
  readonly specId: string | null;
  readonly data: Record<string, unknown>;
}

export interface LiveClient {
  readonly socket: WebSocket;
  readonly messages: Message[];
  send(message: unknown): void;
  /** The next message (after those already taken) matching `accept`, within `timeoutMs`. */
  next(accept?: (m: Message) => boolean, timeoutMs?: number): Promise<Message>;
  /** The next `event` message whose event matches. */
  nextEvent(accept?: (e: EventEnvelopeLike) => boolean, timeoutMs?: number): Promise<EventEnvelopeLike>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string; at: number }>;
  close(): void;
}

export interface ConnectOptions {
  /** Send the client's credential: its session cookie or its token (default: whatever it holds). */
  readonly client?: ApiClient;
  readonly origin?: string | null;
  readonly headers?: Record<string, string>;
}

/** Why an upgrade was refused: the HTTP status and the problem code. */
export async function refusedUpgrade(server: TestServer, options: ConnectOptions = {}): Promise<{ status: number; code: string | null }> {
  const socket = new WebSocket(wsUrl(server), { headers: headersOf(server, options) });
  return new Promise((resolve, reject) => {
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        let code: string | null;
        try {
          code = (JSON.parse(body) as { code?: string }).code ?? null;
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

function wsUrl(server: Pick<TestServer, 'baseUrl'>): string {
  return `${server.baseUrl.replace(/^http/, 'ws')}/api/v1/events`;
}

function headersOf(server: Pick<TestServer, 'baseUrl'>, options: ConnectOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  const client = options.client;
  if (client?.token !== null && client?.token !== undefined) headers.authorization = `Bearer ${client.token}`;
  else if (client?.cookie !== null && client?.cookie !== undefined) headers.cookie = `specboard_session=${client.cookie}`;
  const origin = options.origin === undefined ? server.baseUrl : options.origin;
  if (origin !== null) headers.origin = origin;
  return headers;
}

/** Opens a connection and waits for `ready`. */
export async function connect(server: Pick<TestServer, 'baseUrl'>, options: ConnectOptions = {}): Promise<LiveClient> {
  const socket = new WebSocket(wsUrl(server), { headers: headersOf(server, options) });
  const messages: Message[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  socket.on('message', (raw: Buffer) => {
    messages.push(JSON.parse(raw.toString('utf8')) as Message);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => {
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8'), at: Date.now() });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const next = async (accept: (m: Message) => boolean = () => true, timeoutMs = 5000): Promise<Message> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (taken < messages.length) {
        const m = messages[taken++];
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
  const client: LiveClient = {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    next,
    nextEvent: async (accept = () => true, timeoutMs) => {
      const m = await next((x) => x.op === 'event' && accept(x.event as EventEnvelopeLike), timeoutMs);
      return m.event as EventEnvelopeLike;
    },
    closed,
    close: () => socket.close(),
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await next((m) => m.op === 'ready');
  return client;
}

/** Subscribes and waits for the confirmation (or the error). */
export async function subscribe(client: LiveClient, topic: Record<string, unknown>): Promise<Message> {
  client.send({ op: 'subscribe', ...topic });
  return client.next((m) => m.op === 'subscribed' || m.op === 'error');
}
