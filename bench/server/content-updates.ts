// Targets 3 and 4: PUT .../specs/:spec/content of a 5 KB spec, each with If-Match and so each a new
// revision, on SQLite: updates per second (several specs in parallel, one chain of requests per
// spec since each needs the ETag the previous one returned), then how much the database grew per
// 1,000 revisions.
import { Agent } from 'node:http';
import type { BenchContext } from '../harness.js';
import { createSpecOverHttp, setUpOwner, type BenchOwner, type CreatedSpec } from './api.js';
import { fmtBytes, fmtInt, fmtRatio } from './format.js';
import { send } from './latency.js';
import { withProcessCpu } from './process-cpu.js';
import type { ResultTable } from './result-table.js';
import { startAppServer } from './servers.js';
import { UPDATE_SETTINGS, SERVER_LOG_LEVEL } from './settings.js';
import { editedVersion, specOfSize } from './spec-text.js';
import { measureSqliteSize, objectGrowth } from './sqlite-size.js';

interface Chain {
  readonly spec: CreatedSpec;
  readonly url: string;
  readonly agent: Agent;
  etag: string;
  /** The spec's text as stored: each update edits it, as a client working from the spec does. */
  text: string;
  /** Revisions this chain has written so far (the spec is at revision 1 + this). */
  written: number;
}

export async function contentUpdates(ctx: BenchContext, table: ResultTable): Promise<void> {
  const s = UPDATE_SETTINGS;
  const server = await startAppServer({ logLevel: SERVER_LOG_LEVEL });
  const chains: Chain[] = [];
  try {
    const owner = await setUpOwner(server.url);
    const base = specOfSize(s.specBytes);
    const contentBytes = Buffer.byteLength(editedVersion(base, 1), 'utf8');
    for (let i = 0; i < s.chains; i += 1) {
      const spec = await createSpecOverHttp(server.url, owner, base, ['backend']);
      chains.push({ spec, url: `${server.url}/api/v1${spec.path}/content`, agent: new Agent({ keepAlive: true, maxSockets: 1 }), etag: spec.etag, text: base, written: 0 });
    }
    ctx.report(`PUT content: ${s.chains} specs of ${fmtBytes(contentBytes)} updated in parallel, one If-Match chain each; ${s.warmupPerChain} warm-up updates per chain, then ${s.durationSeconds} s; SQLite`);
    await Promise.all(chains.map((chain) => runChain(chain, owner, { count: s.warmupPerChain })));

    const before = await measureSqliteSize(server.sqliteFile);
    const started = performance.now();
    const deadline = started + s.durationSeconds * 1000;
    const { result: counts, cpuMs } = await withProcessCpu(server.pid, () => Promise.all(chains.map((chain) => runChain(chain, owner, { until: deadline }))));
    const elapsed = performance.now() - started;
    const after = await measureSqliteSize(server.sqliteFile);
    await verifyRevisions(chains, owner);

    const updates = counts.reduce((a, b) => a + b, 0);
    const perSecond = (updates * 1000) / elapsed;
    const cpu = cpuMs === null ? '' : `; server CPU ${fmtInt((cpuMs * 1000) / updates)} us/update`;
    ctx.report(`${fmtInt(updates)} updates in ${(elapsed / 1000).toFixed(1)} s (per chain: ${counts.map(fmtInt).join(', ')})${cpu}`);
    const ratePass = perSecond >= s.minPerSecond;
    ctx.check('content-updates', ratePass, `${fmtInt(perSecond)} updates/s of a ${fmtBytes(contentBytes)} spec, each a new revision (target >= ${fmtInt(s.minPerSecond)}/s)`);
    table.add(`PUT content (${fmtBytes(contentBytes)} spec, If-Match), SQLite`, `${fmtInt(perSecond)} updates/s`, `>= ${fmtInt(s.minPerSecond)}/s`, ratePass);

    const growth = after.fileBytes - before.fileBytes;
    const perThousand = (growth * 1000) / updates;
    const raw = contentBytes * 1000;
    const ratio = perThousand / raw;
    const parts = objectGrowth(before, after)
      .slice(0, 6)
      .map(([name, bytes]) => `${name} ${fmtBytes((bytes * 1000) / updates)}`)
      .join(', ');
    ctx.report(
      `database: ${fmtBytes(before.fileBytes)} -> ${fmtBytes(after.fileBytes)} after checkpoint (WAL ${fmtBytes(after.walBytes)}, free pages ${fmtBytes(after.freeBytes)}); ` +
        `growth per 1,000 revisions by table/index: ${parts}`,
    );
    const sizePass = ratio <= s.maxGrowthRatio;
    ctx.check(
      'db-growth',
      sizePass,
      `${fmtBytes(perThousand)} per 1,000 revisions = ${fmtRatio(ratio)} the raw content (1,000 x ${fmtBytes(contentBytes)} = ${fmtBytes(raw)}; target <= ${fmtRatio(s.maxGrowthRatio)})`,
    );
    table.add('SQLite growth per 1,000 revisions (5 KB spec)', `${fmtBytes(perThousand)} (${fmtRatio(ratio)} raw)`, `<= ${fmtRatio(s.maxGrowthRatio)} raw`, sizePass);
  } finally {
    for (const chain of chains) chain.agent.destroy();
    await server.stop();
  }
}

/**
 * PUTs the next versions of one spec, each with the ETag of the last; returns how many it wrote.
 * Each is a one-line edit of the text as stored: the server keeps the managed footer fields true
 * (author, Last Updated, reviewers), so the first update's answer carries the corrected text, and a
 * client that kept sending the generator's stale footer would make every update a footer correction.
 */
async function runChain(chain: Chain, owner: BenchOwner, stop: { count?: number; until?: number }): Promise<number> {
  let written = 0;
  const more = (): boolean => (stop.count === undefined || written < stop.count) && (stop.until === undefined || performance.now() < stop.until);
  while (more()) {
    const version = chain.written + 2;
    const sent = editedVersion(chain.text, version);
    const response = await send(chain.agent, chain.url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/markdown; charset=utf-8', 'if-match': chain.etag },
      body: sent,
    });
    const etag = response.headers.etag;
    if (response.status !== 200 || typeof etag !== 'string') {
      throw new Error(`PUT ${chain.spec.path}/content (revision ${version}): HTTP ${response.status} ${response.body.toString('utf8').slice(0, 500)}`);
    }
    chain.etag = etag;
    // The answer has `markdown` only when the stored text differs from the sent text.
    const stored = (JSON.parse(response.body.toString('utf8')) as { markdown?: unknown }).markdown;
    chain.text = typeof stored === 'string' ? stored : sent;
    chain.written += 1;
    written += 1;
  }
  return written;
}

/** Every update made a revision (each spec is at revision 1 + the updates its chain made) and the last text is stored. */
async function verifyRevisions(chains: readonly Chain[], owner: BenchOwner): Promise<void> {
  for (const chain of chains) {
    const response = await send(chain.agent, chain.url.replace(/\/content$/, ''), { headers: { authorization: `Bearer ${owner.token}` } });
    const body = JSON.parse(response.body.toString('utf8')) as { revision?: number; markdown?: string };
    if (body.revision !== chain.written + 1) throw new Error(`${chain.spec.path} is at revision ${String(body.revision)}, expected ${chain.written + 1}`);
    if (body.markdown !== chain.text) throw new Error(`${chain.spec.path}: the stored text is not the text of the last update`);
  }
}
