// Many live-event subscribers in the bench process: WebSocket clients of /api/v1/events and of
// GraphQL subscriptions (graphql-transport-ws), each reporting when a spec.created event with a
// given title reaches it. Used by bench/events.bench.ts.
import WebSocket from 'ws';

export interface Subscribers {
  readonly size: number;
  /** Called with the socket's index, the created spec's title and the event's time (server clock, ms), as each event arrives. */
  onCreated(listener: (index: number, title: string, at: number) => void): void;
  close(): Promise<void>;
}

export type Protocol = 'events' | 'graphql';

const BATCH = 50;
const OPEN_TIMEOUT_MS = 30_000;

interface CreatedData {
  readonly type?: string;
  readonly at?: string;
  readonly data?: { readonly title?: unknown };
}

function createdOf(protocol: Protocol, raw: string): { title: string; at: number } | null {
  const message = JSON.parse(raw) as { op?: string; event?: CreatedData; type?: string; payload?: { data?: { workspaceEvents?: CreatedData } } };
  const event = protocol === 'events' ? (message.op === 'event' ? message.event : undefined) : message.type === 'next' ? message.payload?.data?.workspaceEvents : undefined;
  if (event?.type !== 'spec.created') return null;
  return typeof event.data?.title === 'string' && event.at !== undefined ? { title: event.data.title, at: Date.parse(event.at) } : null;
}

const SUBSCRIPTION = 'subscription($w: String!) { workspaceEvents(workspace: $w) { __typename ... on LiveEvent { id type at data } } }';

/** Opens one connection and subscribes it to the workspace; resolves once the server has the subscription (events) or the socket is acknowledged (graphql). */
function openOne(baseUrl: string, token: string, workspace: string, protocol: Protocol, onMessage: (raw: string) => void): Promise<WebSocket> {
  const ws = baseUrl.replace(/^http/, 'ws');
  const socket = protocol === 'events'
    ? new WebSocket(`${ws}/api/v1/events`, { headers: { authorization: `Bearer ${token}` } })
    : new WebSocket(`${ws}/graphql`, 'graphql-transport-ws', { headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${protocol} connection not ready within ${OPEN_TIMEOUT_MS} ms`)), OPEN_TIMEOUT_MS);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('open', () => {
      if (protocol === 'events') socket.send(JSON.stringify({ op: 'subscribe', workspace }));
      else socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    });
    let ready = false;
    socket.on('message', (raw: Buffer) => {
      const text = raw.toString('utf8');
      if (ready) {
        onMessage(text);
        return;
      }
      const message = JSON.parse(text) as { op?: string; type?: string; message?: string };
      if (message.op === 'error' || message.type === 'connection_error') reject(new Error(text));
      if (message.op === 'subscribed' || message.type === 'connection_ack') {
        if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { w: workspace } } }));
        ready = true;
        clearTimeout(timer);
        resolve(socket);
      }
    });
  });
}

/** Opens `count` subscribers, BATCH at a time. */
export async function openSubscribers(baseUrl: string, token: string, workspace: string, protocol: Protocol, count: number): Promise<Subscribers> {
  const sockets: WebSocket[] = [];
  const listeners: ((index: number, title: string, at: number) => void)[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => {
      const index = start + i;
      return openOne(baseUrl, token, workspace, protocol, (raw) => {
        const created = createdOf(protocol, raw);
        if (created !== null) for (const listener of listeners) listener(index, created.title, created.at);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return {
    size: sockets.length,
    onCreated(listener) {
      listeners.push(listener);
    },
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.once('close', () => resolve());
              socket.close();
              setTimeout(() => {
                socket.terminate();
                resolve();
              }, 2000).unref();
            }),
        ),
      );
    },
  };
}

/** Resident set size of a process in bytes (Linux /proc), or null. */
export async function rssBytes(pid: number): Promise<number | null> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}
