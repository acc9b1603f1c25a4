// Co-editing clients for the collab benchmark: @hocuspocus/provider over `ws`, each on its own
// socket, against either the Specboard server (bearer token) or a bare Hocuspocus server.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';

export interface BenchPeer {
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  destroy(): void;
}

/** Opens `count` clients on `document` at `url` and waits until all are synced. */
export async function openPeers(url: string, document: string, count: number, token: string | null): Promise<BenchPeer[]> {
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  class AuthenticatedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const peers: Promise<BenchPeer>[] = [];
  for (let i = 0; i < count; i++) {
    peers.push(
      new Promise<BenchPeer>((resolve, reject) => {
        const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: AuthenticatedWebSocket });
        const doc = new Y.Doc();
        const provider = new HocuspocusProvider({
          websocketProvider: socket,
          name: document,
          document: doc,
          onSynced: () =>
            resolve({
              doc,
              text: doc.getText('markdown'),
              destroy: () => {
                socket.connect = () => Promise.resolve();
                provider.destroy();
                socket.destroy();
              },
            }),
          onAuthenticationFailed: ({ reason }) => reject(new Error(`refused: ${reason}`)),
        });
        provider.attach();
      }),
    );
  }
  return Promise.all(peers);
}

/**
 * Keystroke to every peer: peer `i % n` types one character, every other peer records when the
 * change arrives. Returns one latency sample (ms) per keystroke and receiving peer.
 */
export async function keystrokeLatencies(peers: readonly BenchPeer[], keystrokes: number, gapMs: number): Promise<number[]> {
  const samples: number[] = [];
  await deliveries(peers, keystrokes, gapMs, (k) => k % peers.length, (_peer, ms) => samples.push(ms));
  return samples;
}

/**
 * One typist (`peers[typist]`) types every keystroke; the samples of each receiving peer go to
 * the group `groupOf(peer index)` names (e.g. the peers of each node).
 */
export async function typistLatencies(peers: readonly BenchPeer[], keystrokes: number, gapMs: number, typist: number, groupOf: (peer: number) => string): Promise<Map<string, number[]>> {
  const groups = new Map<string, number[]>();
  await deliveries(peers, keystrokes, gapMs, () => typist, (peer, ms) => {
    const group = groupOf(peer);
    const samples = groups.get(group) ?? [];
    samples.push(ms);
    groups.set(group, samples);
  });
  return groups;
}

/** Keystroke k typed by peers[writerOf(k)]; each other peer's arrival time reported as it comes. */
async function deliveries(peers: readonly BenchPeer[], keystrokes: number, gapMs: number, writerOf: (k: number) => number, sample: (peer: number, ms: number) => void): Promise<void> {
  let sentAt = 0;
  let waiting = 0;
  let done: () => void = () => undefined;
  const observers = peers.map((peer, index) => {
    const observer = (_event: Y.YTextEvent, transaction: Y.Transaction): void => {
      // The writer's own insert is local; every other peer's copy arrives over the wire.
      if (transaction.local) return;
      sample(index, performance.now() - sentAt);
      if (--waiting === 0) done();
    };
    peer.text.observe(observer);
    return () => peer.text.unobserve(observer);
  });
  for (let k = 0; k < keystrokes; k++) {
    const writer = peers[writerOf(k)];
    if (writer === undefined) break;
    waiting = peers.length - 1;
    const arrived = new Promise<void>((resolve) => (done = resolve));
    sentAt = performance.now();
    writer.text.insert(writer.text.length, String.fromCharCode(97 + (k % 26)));
    await arrived;
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  for (const stop of observers) stop();
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
