// Co-editing (docs/collab.md): keystroke-to-peers latency with 100 co-editors on one spec against
// the Specboard server and against a bare Hocuspocus server, with the same clients in the same run;
// and the server-side load time of a 100 KB spec with 10,000 edits in its history. Servers run in
// this process (both of them, so the comparison is fair), on SQLite in a temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { buildApp, type App } from '../src/server/app.js';
import { TEXT_NAME } from '../src/server/collab/index.js';
import { loadConfig } from '../src/server/config.js';
import { keystrokeLatencies, openPeers, percentile, type BenchPeer } from './collab-clients.js';
import { twoNodeLatency } from './collab-nodes.js';
import type { BenchContext, BenchSuite } from './harness.js';
import { setUpOwner, type BenchOwner } from './server/api.js';
import { fmtMs } from './server/format.js';

const SETTINGS = {
  peers: 100,
  keystrokes: 200,
  gapMs: 20,
  /** Alternating bare/app rounds; the p99 of all samples of each is compared. */
  rounds: 2,
  maxP99Ratio: 1.2,
  specBytes: 100 * 1024,
  historyEdits: 10_000,
  loads: 7,
  maxLoadMs: 100,
} as const;

async function startApp(dir: string): Promise<{ app: App; url: string }> {
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', RATE_LIMIT_STRICT: '1000000', RATE_LIMIT_WRITE: '1000000', RATE_LIMIT_READ: '1000000', REDIS_URL: '', DATABASE_URL: '' }),
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    database: { dialect: 'sqlite' as const, file: join(dir, 'bench.db') },
    webDir: join(dir, 'no-web'),
  };
  const app = await buildApp(config);
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

async function startBare(): Promise<{ url: string; stop: () => Promise<void> }> {
  const hocuspocus = new Hocuspocus({ quiet: true });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket, request) => hocuspocus.handleConnection(socket, request));
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

async function createSpec(url: string, owner: BenchOwner, markdown: string | null): Promise<string> {
  const headers = { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' };
  const res = await fetch(`${url}/api/v1/workspaces/${owner.workspaceKey}/specs`, { method: 'POST', headers, body: JSON.stringify({ title: 'Co-edited' }) });
  const spec = (await res.json()) as { id: string; number: number; etag: string };
  if (res.status !== 201) throw new Error(`creating a spec: HTTP ${res.status}`);
  if (markdown !== null) {
    const put = await fetch(`${url}/api/v1/workspaces/${owner.workspaceKey}/specs/${spec.number}/content`, {
      method: 'PUT',
      headers: { ...headers, 'if-match': spec.etag },
      body: JSON.stringify({ markdown }),
    });
    if (put.status !== 200) throw new Error(`writing the spec: HTTP ${put.status} ${await put.text()}`);
  }
  return spec.id;
}

async function measure(url: string, document: string, token: string | null): Promise<number[]> {
  const peers: BenchPeer[] = await openPeers(url, document, SETTINGS.peers, token);
  try {
    // Warm-up keystrokes, not counted.
    await keystrokeLatencies(peers, 20, SETTINGS.gapMs);
    return await keystrokeLatencies(peers, SETTINGS.keystrokes, SETTINGS.gapMs);
  } finally {
    for (const peer of peers) peer.destroy();
  }
}

async function latency(ctx: BenchContext, app: { url: string }, owner: BenchOwner): Promise<void> {
  const appSamples: number[] = [];
  const bareSamples: number[] = [];
  for (let round = 0; round < SETTINGS.rounds; round++) {
    const bare = await startBare();
    try {
      bareSamples.push(...(await measure(bare.url, `bare-${round}`, null)));
    } finally {
      await bare.stop();
    }
    const specId = await createSpec(app.url, owner, null);
    appSamples.push(...(await measure(`${app.url.replace(/^http/, 'ws')}/api/v1/collab`, specId, owner.token)));
  }
  const p = (values: number[], q: number): string => fmtMs(percentile(values, q));
  ctx.report(`${SETTINGS.peers} co-editors, ${SETTINGS.keystrokes * SETTINGS.rounds} keystrokes, ${bareSamples.length} deliveries each:`);
  ctx.report(`bare Hocuspocus: p50 ${p(bareSamples, 50)}  p99 ${p(bareSamples, 99)}`);
  ctx.report(`Specboard:       p50 ${p(appSamples, 50)}  p99 ${p(appSamples, 99)}`);
  const ratio = percentile(appSamples, 99) / percentile(bareSamples, 99);
  ctx.check('keystroke-p99', ratio <= SETTINGS.maxP99Ratio, `p99 ${p(appSamples, 99)} vs bare ${p(bareSamples, 99)} = ${ratio.toFixed(2)}x (target <= ${SETTINGS.maxP99Ratio}x)`);
}

/** A spec of ~100 KB whose live document has 10,000 edits in its update log, then compacted. */
async function loadTime(ctx: BenchContext, app: App, url: string, owner: BenchOwner): Promise<void> {
  const paragraph = 'The service keeps every edit and loads quickly even with a long history of small changes. ';
  const body = Array.from({ length: Math.ceil(SETTINGS.specBytes / paragraph.length) }, (_, i) => `${i % 20 === 0 ? `\n## Part ${i}\n\n` : ''}${paragraph}`).join('');
  const specId = await createSpec(url, owner, `# Co-edited\n\n${body}\n`);
  const spec = await app.database.db.selectFrom('specs').select(['workspaceId', 'content']).where('id', '=', specId).executeTakeFirstOrThrow();
  const context = { workspaceId: spec.workspaceId };
  // Creates the stored document (snapshot and base), then unloads it.
  const first = await app.collab.hocuspocus.openDirectConnection(specId, context);
  await first.disconnect();
  const stored = await app.collab.store.load(specId);
  if (stored === null) throw new Error('no stored document');
  // 10,000 edits as 10,000 logged updates, as typing would append them.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  const text = doc.getText(TEXT_NAME);
  const now = new Date().toISOString();
  // Typing as people type: bursts of 20 keystrokes at one cursor (16 characters, 4 backspaces),
  // the cursor moving elsewhere in the text between bursts; one logged update per keystroke.
  let cursor = 0;
  for (let i = 0; i < SETTINGS.historyEdits; i++) {
    if (i % 20 === 0) cursor = (i * 7919) % Math.max(1, text.length - 1);
    const before = Y.encodeStateVector(doc);
    if (i % 20 >= 16) text.delete(--cursor, 1);
    else text.insert(cursor++, String.fromCharCode(97 + (i % 26)));
    await app.collab.store.append(specId, Y.encodeStateAsUpdate(doc, before), owner.userId, now);
  }
  const timeLoads = async (label: string): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < SETTINGS.loads; i++) {
      const started = performance.now();
      const connection = await app.collab.hocuspocus.openDirectConnection(specId, context);
      times.push(performance.now() - started);
      await connection.disconnect();
      while (app.collab.hocuspocus.documents.has(specId)) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const worst = Math.max(...times);
    ctx.report(`${label}: median ${fmtMs(percentile(times, 50))}, max ${fmtMs(worst)} over ${SETTINGS.loads} loads`);
    return worst;
  };
  ctx.report(`spec ${(spec.content.length / 1024).toFixed(0)} KB, ${SETTINGS.historyEdits} edits in its history`);
  // The first load folds the long log into the snapshot (in the background); time it as the worst case.
  const uncompacted = await timeLoads('log not yet compacted (10,000 rows)');
  await app.collab.store.compact(specId, new Date().toISOString());
  const compacted = await timeLoads('compacted (snapshot)');
  ctx.check('load-100kb-10k-edits', compacted <= SETTINGS.maxLoadMs, `max ${fmtMs(compacted)} compacted, ${fmtMs(uncompacted)} from the raw 10,000-row log (target <= ${SETTINGS.maxLoadMs} ms)`);
}

export const suite: BenchSuite = {
  name: 'collab',
  description: 'co-editing: keystroke to 100 peers vs bare Hocuspocus; load of a 100 KB spec with 10,000 edits; keystroke to 100 peers on two nodes (PostgreSQL + Redis)',
  async run(ctx) {
    const dir = mkdtempSync(join(tmpdir(), 'specboard-bench-collab-'));
    const { app, url } = await startApp(dir);
    try {
      const owner = await setUpOwner(url);
      await latency(ctx, { url }, owner);
      await loadTime(ctx, app, url, owner);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await twoNodeLatency(ctx);
  },
};
