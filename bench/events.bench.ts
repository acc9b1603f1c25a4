// Live events at scale, against a real server process: the memory 1,000 idle subscribed
// connections add to it, and how long an event takes to reach 500 subscribers. Both for the
// WebSocket endpoint (/api/v1/events, the targets) and for GraphQL subscriptions (same feed).
import type { BenchContext, BenchSuite } from './harness.js';
import { openSubscribers, rssBytes, type Protocol } from './events-clients.js';
import { createSpecOverHttp, setUpOwner, type BenchOwner } from './server/api.js';
import { fmtBytes, fmtMs } from './server/format.js';
import { startAppServer, type AppServer } from './server/servers.js';
import { SERVER_LOG_LEVEL } from './server/settings.js';

const SETTINGS = {
  idleConnections: 1000,
  maxIdleRssBytes: 150e6,
  /** How long the idle connections sit before RSS is read (the server's buffers settle). */
  idleSettleMs: 3000,
  subscribers: 500,
  events: 40,
  /** Pause between events, so each is measured on its own rather than queued behind the last. */
  gapMs: 50,
  maxP99Ms: 50,
} as const;

const PROTOCOLS: readonly Protocol[] = ['events', 'graphql'];

async function withServer<T>(fn: (server: AppServer, owner: BenchOwner) => Promise<T>): Promise<T> {
  const server = await startAppServer({ logLevel: SERVER_LOG_LEVEL });
  try {
    return await fn(server, await setUpOwner(server.url));
  } finally {
    await server.stop();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** RSS the server grows by when `count` subscribed connections sit idle. */
async function idleRss(ctx: BenchContext, protocol: Protocol): Promise<number> {
  return withServer(async (server, owner) => {
    // A few connections first, so code loaded on first use is not counted as per-connection memory.
    const warm = await openSubscribers(server.url, owner.token, owner.workspaceKey, protocol, 10);
    await warm.close();
    await sleep(1000);
    const before = await rssBytes(server.pid);
    const subscribers = await openSubscribers(server.url, owner.token, owner.workspaceKey, protocol, SETTINGS.idleConnections);
    await sleep(SETTINGS.idleSettleMs);
    const after = await rssBytes(server.pid);
    await subscribers.close();
    if (before === null || after === null) throw new Error('no /proc/<pid>/status: cannot read the server RSS');
    const added = after - before;
    ctx.report(`${protocol}: ${subscribers.size} idle subscribed connections: server RSS ${fmtBytes(before)} -> ${fmtBytes(after)} (+${fmtBytes(added)}, ${fmtBytes(added / subscribers.size)} each)`);
    return added;
  });
}

/**
 * Creates one spec at a time and measures, per subscriber, how long its spec.created took to arrive:
 * from the event's time (`at`, taken by the service as it makes the change; same machine clock) to
 * the subscriber having parsed it. Also printed: from the write request being sent.
 */
async function fanout(ctx: BenchContext, protocol: Protocol): Promise<number> {
  return withServer(async (server, owner) => {
    const subscribers = await openSubscribers(server.url, owner.token, owner.workspaceKey, protocol, SETTINGS.subscribers);
    try {
      const started = new Map<string, number>();
      const arrived = new Map<string, number[]>();
      const sinceRequest: number[] = [];
      subscribers.onCreated((_index, title, at) => {
        const now = Date.now();
        const start = started.get(title);
        if (start === undefined) return;
        arrived.get(title)?.push(now - at);
        sinceRequest.push(now - start);
      });
      const send = async (title: string): Promise<number[]> => {
        const latencies: number[] = [];
        arrived.set(title, latencies);
        started.set(title, Date.now());
        await createSpecOverHttp(server.url, owner, `# ${title}\n\nBody.\n`);
        const deadline = Date.now() + 10_000;
        while (latencies.length < subscribers.size && Date.now() < deadline) await sleep(5);
        return latencies;
      };
      // Warm-up: until every subscriber heard one event (GraphQL subscriptions go live just after the ack).
      for (let i = 0; i < 5 && (await send(`warm-up ${i}`)).length < subscribers.size; i += 1);
      sinceRequest.length = 0;
      const all: number[] = [];
      let missing = 0;
      for (let i = 0; i < SETTINGS.events; i += 1) {
        const latencies = await send(`event ${i}`);
        missing += subscribers.size - latencies.length;
        all.push(...latencies);
        await sleep(SETTINGS.gapMs);
      }
      all.sort((a, b) => a - b);
      const pick = (q: number): number => all[Math.min(all.length - 1, Math.floor(q * all.length))] ?? Number.NaN;
      const p99 = missing > 0 ? Number.POSITIVE_INFINITY : pick(0.99);
      sinceRequest.sort((a, b) => a - b);
      const fromRequest = sinceRequest[Math.min(sinceRequest.length - 1, Math.floor(0.99 * sinceRequest.length))] ?? Number.NaN;
      ctx.report(
        `${protocol}: ${SETTINGS.events} events x ${subscribers.size} subscribers (event time -> parsed by the subscriber): p50 ${fmtMs(pick(0.5))}, p99 ${fmtMs(pick(0.99))}, max ${fmtMs(all.at(-1) ?? Number.NaN)}` +
          `; from the write request: p99 ${fmtMs(fromRequest)}${missing > 0 ? `; ${missing} deliveries missing` : ''}`,
      );
      return p99;
    } finally {
      await subscribers.close();
    }
  });
}


export const suite: BenchSuite = {
  name: 'events',
  description: 'Live events against a real server process: RSS of 1,000 idle subscribed connections, latency of an event to 500 subscribers (WebSocket endpoint and GraphQL subscriptions)',
  async run(ctx) {
    for (const protocol of PROTOCOLS) {
      const label = protocol === 'events' ? 'events' : 'graphql-subscriptions';
      try {
        const added = await idleRss(ctx, protocol);
        ctx.check(`${label}-idle-1000-rss`, added <= SETTINGS.maxIdleRssBytes, `+${fmtBytes(added)} for ${SETTINGS.idleConnections} idle connections (target <= ${fmtBytes(SETTINGS.maxIdleRssBytes)})`);
      } catch (error) {
        ctx.check(`${label}-idle-1000-rss`, false, `could not run: ${error instanceof Error ? error.message : String(error)}`);
      }
      try {
        const p99 = await fanout(ctx, protocol);
        ctx.check(`${label}-fanout-500-p99`, p99 <= SETTINGS.maxP99Ms, `p99 ${fmtMs(p99)} to ${SETTINGS.subscribers} subscribers (target <= ${fmtMs(SETTINGS.maxP99Ms)})`);
      } catch (error) {
        ctx.check(`${label}-fanout-500-p99`, false, `could not run: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  },
};
