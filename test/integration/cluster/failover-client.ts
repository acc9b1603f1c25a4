// A co-editing client configured with every node's address (docs/deploy.md "Co-editing clients and
// failover"): it connects to the first, and when the connection closes it reconnects to the next,
// resyncing its document there, so edits made meanwhile are sent to the node it lands on.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { TEXT_NAME } from '../../../src/server/collab/index.js';

export interface FailoverClient {
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  readonly provider: HocuspocusProvider;
  /** Resolves once the first sync with the first node is done. */
  readonly synced: Promise<void>;
  /** The node the client uses now (index into the addresses). */
  node(): number;
  destroy(): void;
}

/** Opens `document` with a session `cookie` on the first of `baseUrls`, moving on to the next when a connection closes. */
export function failoverClient(baseUrls: readonly string[], cookie: string, document: string): FailoverClient {
  const wsUrl = (baseUrl: string): string => `${baseUrl.replace(/^http/, 'ws')}/api/v1/collab`;
  class AuthenticatedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // A browser sends the page's origin; each test node is its own origin (behind a load balancer both would be one).
      const origin = new URL(String(url).replace(/^ws/, 'http')).origin;
      super(url, protocols, { headers: { cookie: `specboard_session=${cookie}`, origin } });
    }
  }
  let current = 0;
  const first = baseUrls[0];
  if (first === undefined) throw new Error('no node address');
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl(first), WebSocketPolyfill: AuthenticatedWebSocket, delay: 50, minDelay: 50, maxDelay: 200 });
  socket.on('close', () => {
    current = (current + 1) % baseUrls.length;
    socket.setConfiguration({ url: wsUrl(baseUrls[current] ?? first) });
  });
  const doc = new Y.Doc();
  let resolveSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => {
    resolveSynced = resolve;
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: document, document: doc, onSynced: () => resolveSynced() });
  provider.attach();
  return {
    doc,
    text: doc.getText(TEXT_NAME),
    provider,
    synced,
    node: () => current,
    destroy() {
      socket.connect = () => Promise.resolve();
      provider.destroy();
      socket.destroy();
    },
  };
}
