// Target 1: GET /api/v1/workspaces/:ws/specs/:spec (API token, a 50 KB spec) against a bare
// Fastify route sending the same bytes from memory. Both are separate processes, loaded by the
// same autocannon settings from this process, in alternating rounds so drift hits both alike.
import type { BenchContext } from '../harness.js';
import { median } from '../timing.js';
import { createSpecOverHttp, setUpOwner } from './api.js';
import { runLoad, type LoadResult } from './load.js';
import { withProcessCpu } from './process-cpu.js';
import { BARE_PATH, recordResponse } from './recorded.js';
import type { ResultTable } from './result-table.js';
import { startAppServer, startBareServer } from './servers.js';
import { GET_SETTINGS, SERVER_LOG_LEVEL } from './settings.js';
import { specOfSize } from './spec-text.js';
import { fmtBytes, fmtInt, fmtRatio } from './format.js';

interface Side {
  readonly name: 'app' | 'bare';
  readonly url: string;
  readonly pid: number;
  readonly runs: LoadResult[];
  /** Server CPU microseconds per request, one per run (empty without /proc). */
  readonly cpuPerRequest: number[];
}

export async function getVersusBare(ctx: BenchContext, table: ResultTable): Promise<void> {
  const s = GET_SETTINGS;
  const app = await startAppServer({ logLevel: SERVER_LOG_LEVEL });
  try {
    const owner = await setUpOwner(app.url);
    const markdown = specOfSize(s.specBytes);
    const spec = await createSpecOverHttp(app.url, owner, markdown, ['backend']);
    const headers = { authorization: `Bearer ${owner.token}` };
    const appUrl = `${app.url}/api/v1${spec.path}`;
    const recorded = await recordResponse(appUrl, headers);
    if (!recorded.body.includes('"markdown":')) throw new Error(`GET ${spec.path} did not answer the spec JSON`);
    ctx.report(
      `GET spec: ${fmtBytes(Buffer.byteLength(markdown))} of Markdown, ${fmtBytes(Buffer.byteLength(recorded.body))} JSON response; ` +
        `${s.connections} connections, ${s.warmupSeconds} s warm-up, ${s.rounds} x ${s.durationSeconds} s per side, alternating; LOG_LEVEL=${SERVER_LOG_LEVEL}`,
    );
    const bare = await startBareServer(recorded);
    try {
      const sides: Side[] = [
        { name: 'bare', url: `${bare.url}${BARE_PATH}`, pid: bare.pid, runs: [], cpuPerRequest: [] },
        { name: 'app', url: appUrl, pid: app.pid, runs: [], cpuPerRequest: [] },
      ];
      for (const side of sides) await runLoad({ url: side.url, headers, connections: s.connections, durationSeconds: s.warmupSeconds });
      for (let round = 0; round < s.rounds; round += 1) {
        for (const side of sides) {
          const { result, cpuMs } = await withProcessCpu(side.pid, () => runLoad({ url: side.url, headers, connections: s.connections, durationSeconds: s.durationSeconds }));
          side.runs.push(result);
          if (cpuMs !== null) side.cpuPerRequest.push((cpuMs * 1000) / result.requests);
        }
      }
      const [bareSide, appSide] = sides as [Side, Side];
      for (const side of sides) ctx.report(sideLine(side));
      const bareRps = median(bareSide.runs.map((r) => r.requestsPerSecond));
      const appRps = median(appSide.runs.map((r) => r.requestsPerSecond));
      const ratio = appRps / bareRps;
      const cpuRatio = appSide.cpuPerRequest.length > 0 && bareSide.cpuPerRequest.length > 0 ? median(appSide.cpuPerRequest) / median(bareSide.cpuPerRequest) : null;
      const detail =
        `${fmtInt(appRps)} req/s vs bare ${fmtInt(bareRps)} req/s = ${fmtRatio(ratio)} (target >= ${fmtRatio(s.minRatio)})` +
        (cpuRatio === null ? '' : `; server CPU per request ${fmtRatio(cpuRatio)} the bare route's`);
      ctx.check('get-spec-vs-bare', ratio >= s.minRatio, detail);
      table.add('GET spec (50 KB, API token) req/s', `${fmtInt(appRps)} (bare ${fmtInt(bareRps)}, ${fmtRatio(ratio)})`, `>= ${fmtRatio(s.minRatio)} bare`, ratio >= s.minRatio);
    } finally {
      await bare.stop();
    }
  } finally {
    await app.stop();
  }
}

function sideLine(side: Side): string {
  const rps = side.runs.map((r) => fmtInt(r.requestsPerSecond)).join(', ');
  const last = side.runs[side.runs.length - 1];
  const cpu = side.cpuPerRequest.length > 0 ? `; server CPU ${fmtInt(median(side.cpuPerRequest))} us/request` : '';
  return `${side.name.padEnd(4)} req/s per round: ${rps}; p50 ${last?.latencyP50Ms ?? '?'} ms, p99 ${last?.latencyP99Ms ?? '?'} ms; ${fmtBytes(last?.bytesPerRequest ?? 0)}/response${cpu}`;
}
