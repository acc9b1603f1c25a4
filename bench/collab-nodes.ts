// Co-editing across two nodes (issue #8): two Specboard server processes on one PostgreSQL database
// and one Redis, 50 co-editors on each, one typist on node A; the time from a keystroke to each of
// the 99 other peers receiving it (49 through A alone, 50 through A -> Redis -> B). Skipped, with a
// SKIP line saying why, when PostgreSQL or Redis does not answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { openPeers, percentile, typistLatencies, type BenchPeer } from './collab-clients.js';
import type { BenchContext } from './harness.js';
import { setUpOwner, type BenchOwner } from './server/api.js';
import { startChild, type ChildServer } from './server/child.js';
import { fmtMs } from './server/format.js';
import { adminUrl, createTempDatabase, postgresUnavailable } from './server/postgres.js';
import { processCpuMs } from './server/process-cpu.js';
import { skipLine } from './server/skip.js';

const SETTINGS = {
  peersPerNode: 50,
  keystrokes: 200,
  warmup: 20,
  gapMs: 20,
  maxP99Ms: 80,
} as const;

const UNLIMITED = '1000000';

/** BENCH_REDIS_URL, else TEST_REDIS_URL, else the local default. */
function redisUrl(): string {
  for (const name of ['BENCH_REDIS_URL', 'TEST_REDIS_URL']) {
    const value = process.env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return 'redis://127.0.0.1:6379';
}

const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

/** Why Redis cannot be used, or null when it answers PING. */
async function redisUnavailable(url: string): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG' ? null : 'no PONG';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

/** Deletes the keys the run left under `prefix` (the extension keeps none for long, but be sure). */
async function dropKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}

async function createSpec(url: string, owner: BenchOwner): Promise<string> {
  const res = await fetch(`${url}/api/v1/workspaces/${owner.workspaceKey}/specs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Co-edited on two nodes' }),
  });
  if (res.status !== 201) throw new Error(`creating a spec: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Runs the two-node case; prints a SKIP line instead when PostgreSQL or Redis is not reachable. */
export async function twoNodeLatency(ctx: BenchContext): Promise<void> {
  const admin = adminUrl();
  const redis = redisUrl();
  const noPostgres = await postgresUnavailable(admin);
  if (noPostgres !== null) {
    skipLine(`collab/two-node-keystroke-p99: PostgreSQL is not reachable at ${redact(admin)} (${noPostgres}); set BENCH_POSTGRES_URL to run it`);
    return;
  }
  const noRedis = await redisUnavailable(redis);
  if (noRedis !== null) {
    skipLine(`collab/two-node-keystroke-p99: Redis is not reachable at ${redact(redis)} (${noRedis}); set BENCH_REDIS_URL to run it`);
    return;
  }
  const database = await createTempDatabase(admin);
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-bench-nodes-'));
  const keyPrefix = `specboard_bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}:`;
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    WEB_DIR: join(dataDir, 'no-web-build'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_STRICT: UNLIMITED,
    RATE_LIMIT_WRITE: UNLIMITED,
    RATE_LIMIT_READ: UNLIMITED,
    DATABASE_URL: database.url,
    REDIS_URL: redis,
    REDIS_KEY_PREFIX: keyPrefix,
  };
  const nodes: ChildServer[] = [];
  const peers: BenchPeer[] = [];
  try {
    // One after the other: the first runs the migrations.
    nodes.push(await startChild('./serve-app.ts', env));
    nodes.push(await startChild('./serve-app.ts', env));
    const [a, b] = nodes;
    if (a === undefined || b === undefined) throw new Error('two nodes expected');
    const owner = await setUpOwner(a.url);
    const specId = await createSpec(a.url, owner);
    const ws = (node: ChildServer): string => `${node.url.replace(/^http/, 'ws')}/api/v1/collab`;
    // Node A first (it loads the document), then node B (it loads the same stored document).
    const onA = await openPeers(ws(a), specId, SETTINGS.peersPerNode, owner.token);
    peers.push(...onA);
    const onB = await openPeers(ws(b), specId, SETTINGS.peersPerNode, owner.token);
    peers.push(...onB);
    const typist = 0;
    const nodeOf = (index: number): string => (index < SETTINGS.peersPerNode ? 'same' : 'other');
    // Warm-up keystrokes, not counted.
    await typistLatencies(peers, SETTINGS.warmup, SETTINGS.gapMs, typist, nodeOf);
    // Server CPU per keystroke hardly moves with the machine's load, unlike the latencies.
    const cpuBefore = [processCpuMs(a.pid), processCpuMs(b.pid)];
    const bySource = await typistLatencies(peers, SETTINGS.keystrokes, SETTINGS.gapMs, typist, nodeOf);
    const cpuAfter = [processCpuMs(a.pid), processCpuMs(b.pid)];
    const cpuPerKey = (i: number): string => {
      const [before, after] = [cpuBefore[i], cpuAfter[i]];
      return before === undefined || after === undefined || before === null || after === null ? 'n/a' : fmtMs((after - before) / SETTINGS.keystrokes);
    };
    const all = [...(bySource.get('same') ?? []), ...(bySource.get('other') ?? [])];
    const line = (label: string, values: readonly number[]): string => `${label}: p50 ${fmtMs(percentile(values, 50))}  p99 ${fmtMs(percentile(values, 99))}  (${values.length} deliveries)`;
    const [one, five] = loadavg();
    ctx.report(`two nodes (PostgreSQL + Redis), ${SETTINGS.peersPerNode} co-editors on each, one typist on node A, ${SETTINGS.keystrokes} keystrokes:`);
    ctx.report(line('peers on node A (same node)  ', bySource.get('same') ?? []));
    ctx.report(line('peers on node B (through Redis)', bySource.get('other') ?? []));
    ctx.report(line('all peers                      ', all));
    ctx.report(`server CPU per keystroke: node A ${cpuPerKey(0)}, node B ${cpuPerKey(1)}`);
    ctx.report(`load average during the run: ${(one ?? 0).toFixed(2)} (1 min), ${(five ?? 0).toFixed(2)} (5 min)`);
    const p99 = percentile(all, 99);
    ctx.check('two-node-keystroke-p99', p99 <= SETTINGS.maxP99Ms, `p99 ${fmtMs(p99)} to ${all.length / SETTINGS.keystrokes} peers on two nodes (node B: p99 ${fmtMs(percentile(bySource.get('other') ?? [], 99))}; target <= ${SETTINGS.maxP99Ms} ms; load ${(one ?? 0).toFixed(1)})`);
  } finally {
    for (const peer of peers) peer.destroy();
    await Promise.all(nodes.map((node) => node.stop()));
    await database.drop().catch(() => undefined);
    await dropKeys(redis, keyPrefix).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
