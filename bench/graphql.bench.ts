// GraphQL against REST in the same run: the spec query at /graphql (POST, API token) against
// GET /api/v1/workspaces/:ws/specs/:spec for the same 50 KB spec and the same fields, one server
// process. Target: GraphQL >= 0.8x REST req/s.
//
// On a shared 2-core machine throughput drifts by tens of percent within seconds, so the two
// sides are measured in pairs: short rounds, REST and GraphQL back to back (which goes first
// alternates, so a steady drift favours neither), and the verdict is the median of the pairs'
// ratios. A ratio of medians over long rounds compared numbers taken under different conditions.
import autocannon from 'autocannon';
import type { BenchSuite } from './harness.js';
import { createSpecOverHttp, setUpOwner } from './server/api.js';
import { fmtBytes, fmtInt, fmtRatio } from './server/format.js';
import { withProcessCpu } from './server/process-cpu.js';
import { startAppServer } from './server/servers.js';
import { GET_SETTINGS, SERVER_LOG_LEVEL } from './server/settings.js';
import { specOfSize } from './server/spec-text.js';
import { median } from './timing.js';

const SETTINGS = { ...GET_SETTINGS, rounds: 9, durationSeconds: 2, minRatio: 0.8 } as const;

/**
 * Every field REST's GET spec answers, as GraphQL names them: the summary, etag, the lint counts
 * (REST's `lint`), the Markdown and the outline (REST's `sections`). Same data on both sides.
 */
const SPEC_QUERY = `query Spec($ws: String!, $ref: String!) {
  spec(workspace: $ws, ref: $ref) {
    id workspaceId key number title status author { id name } labels templateId templateVersion revision
    completeness createdAt updatedAt deletedAt etag lintSummary { score errors warnings } markdown sections
  }
}`;

interface Request {
  readonly name: 'rest' | 'graphql';
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

interface Run {
  readonly rps: number;
  readonly requests: number;
  readonly p99: number;
  readonly bytes: number;
}

async function load(request: Request, seconds: number): Promise<Run> {
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections: SETTINGS.connections,
    duration: seconds,
    pipelining: 1,
  });
  const total = result.requests.total;
  if (total === 0 || result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${request.name}: ${total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { rps: total / result.duration, requests: total, p99: result.latency.p99, bytes: result.throughput.total / total };
}

/** One request outside the timed runs: it must answer the spec (GraphQL without errors). */
async function probe(request: Request): Promise<number> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  const text = await response.text();
  const failed = request.name === 'graphql' && (JSON.parse(text) as { errors?: unknown }).errors !== undefined;
  if (response.status !== 200 || !text.includes('"markdown":') || failed) throw new Error(`${request.name}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

export const suite: BenchSuite = {
  name: 'graphql',
  description: 'GraphQL spec query vs REST GET spec (50 KB spec, API token) on one server process, back-to-back pairs of rounds',
  async run(ctx) {
    const app = await startAppServer({ logLevel: SERVER_LOG_LEVEL });
    try {
      const owner = await setUpOwner(app.url);
      const spec = await createSpecOverHttp(app.url, owner, specOfSize(SETTINGS.specBytes), ['backend']);
      const auth = { authorization: `Bearer ${owner.token}` };
      const sides: Request[] = [
        { name: 'rest', url: `${app.url}/api/v1${spec.path}`, method: 'GET', headers: auth },
        {
          name: 'graphql',
          url: `${app.url}/graphql`,
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ query: SPEC_QUERY, variables: { ws: owner.workspaceKey, ref: String(spec.number) } }),
        },
      ];
      for (const side of sides) ctx.report(`${side.name}: ${side.method} ${new URL(side.url).pathname}, ${fmtBytes(await probe(side))} response body`);
      ctx.report(`${SETTINGS.connections} connections, ${SETTINGS.warmupSeconds} s warm-up, ${SETTINGS.rounds} pairs of ${SETTINGS.durationSeconds} s rounds (REST and GraphQL back to back, alternately first); LOG_LEVEL=${SERVER_LOG_LEVEL}`);
      for (const side of sides) await load(side, SETTINGS.warmupSeconds);
      const runs = new Map<string, Run[]>(sides.map((s) => [s.name, []]));
      const cpu = new Map<string, number[]>(sides.map((s) => [s.name, []]));
      for (let round = 0; round < SETTINGS.rounds; round += 1) {
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          const { result, cpuMs } = await withProcessCpu(app.pid, () => load(side, SETTINGS.durationSeconds));
          runs.get(side.name)?.push(result);
          if (cpuMs !== null) cpu.get(side.name)?.push((cpuMs * 1000) / result.requests);
        }
      }
      for (const side of sides) {
        const list = runs.get(side.name) ?? [];
        const cpuList = cpu.get(side.name) ?? [];
        ctx.report(
          `${side.name.padEnd(7)} req/s per round: ${list.map((r) => fmtInt(r.rps)).join(', ')}; p99 ${list.at(-1)?.p99 ?? '?'} ms; ${fmtBytes(list.at(-1)?.bytes ?? 0)}/response` +
            (cpuList.length > 0 ? `; server CPU ${fmtInt(median(cpuList))} us/request` : ''),
        );
      }
      const restRuns = runs.get('rest') ?? [];
      const graphqlRuns = runs.get('graphql') ?? [];
      const pairRatios = graphqlRuns.map((g, i) => g.rps / (restRuns[i]?.rps ?? Number.NaN));
      ctx.report(`GraphQL/REST per pair: ${pairRatios.map((r) => fmtRatio(r)).join(', ')}`);
      const rest = median(restRuns.map((r) => r.rps));
      const graphql = median(graphqlRuns.map((r) => r.rps));
      const ratio = median(pairRatios);
      ctx.check(
        'graphql-spec-vs-rest',
        ratio >= SETTINGS.minRatio,
        `GraphQL ${fmtRatio(ratio)} of REST's req/s (median of ${pairRatios.length} pairs; medians ${fmtInt(graphql)} vs ${fmtInt(rest)} req/s) (target >= ${fmtRatio(SETTINGS.minRatio)})`,
      );
    } finally {
      await app.stop();
    }
  },
};
