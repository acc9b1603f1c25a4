// Independent co-editing clients for tests and benchmarks: @hocuspocus/provider from Node, over
// the `ws` package (Node 20 has no global WebSocket), sending the session cookie and Origin or a
// bearer token on the upgrade the way a browser or a script would.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TEXT_NAME } from '../../../src/server/collab/index.js';
import type { ApiClient } from '../harness.js';

export interface CollabClient {
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  /** Resolves once the first sync with the server is done (rejects when access is refused). */
  readonly synced: Promise<void>;
  /** Stateless messages received (checkpoint replies). */
  readonly stateless: string[];
  /** Reasons of per-document close messages received. */
  readonly closeReasons: string[];
  /** Close code of the WebSocket, once it closed. */
  socketClosed: { code: number; reason: string } | null;
  destroy(): void;
}

export interface CollabClientOptions {
  readonly origin?: string | null;
}

/** Connects `client` (its cookie or token) to `document` on the server at `baseUrl`. */
export function collabClient(baseUrl: string, client: ApiClient, document: string, options: CollabClientOptions = {}): CollabClient {
  const headers: Record<string, string> = {};
  if (client.token !== null) headers.authorization = `Bearer ${client.token}`;
  else if (client.cookie !== null) headers.cookie = `specboard_session=${client.cookie}`;
  const origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
  if (origin !== null) headers.origin = origin;
  class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}/api/v1/collab`,
    WebSocketPolyfill: AuthenticatedWebSocket,
    // Tests close servers on purpose: try again soon rather than backing off for seconds.
    delay: 50,
    maxDelay: 200,
    minDelay: 50,
  });
  const doc = new Y.Doc();
  const stateless: string[] = [];
  const closeReasons: string[] = [];
  let resolveSynced: () => void = () => undefined;
  let rejectSynced: (error: Error) => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve;
    rejectSynced = reject;
  });
  synced.catch(() => undefined);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: document,
    document: doc,
    onSynced: () => resolveSynced(),
    onAuthenticationFailed: ({ reason }) => rejectSynced(new Error(`refused: ${reason}`)),
    onStateless: ({ payload }) => stateless.push(payload),
    onClose: ({ event }) => {
      if (event.code === 1000 && typeof event.reason === 'string' && event.reason !== '') closeReasons.push(event.reason);
    },
  });
  // A provider given its own websocketProvider does not attach itself.
  provider.attach();
  const result: CollabClient = {
    doc,
    text: doc.getText(TEXT_NAME),
    provider,
    socket,
    synced,
    stateless,
    closeReasons,
    socketClosed: null,
    destroy() {
      // The provider schedules a reconnect when the server closes the socket, and that timer calls
      // connect() even after destroy(): make it a no-op so a destroyed client stays gone.
      socket.connect = () => Promise.resolve();
      provider.destroy();
      socket.destroy();
    },
  };
  socket.on('close', ({ event }: { event: { code: number; reason: string } }) => {
    result.socketClosed = { code: event.code, reason: String(event.reason) };
  });
  return result;
}

/** Polls `check` until it holds (or fails after `timeoutMs` with `what`). */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
