import type { BenchContext, BenchSuite } from './harness.js';
import { contentUpdates } from './server/content-updates.js';
import { getVersusBare } from './server/get-vs-bare.js';
import { listAndSearch } from './server/list-search.js';
import { ResultTable } from './server/result-table.js';

type Part = (ctx: BenchContext, table: ResultTable) => Promise<void>;

/** The suite's parts in order; BENCH_SERVER_PARTS=get,update picks some (while working on one). */
const PARTS: Readonly<Record<string, Part>> = {
  get: getVersusBare,
  list: listAndSearch,
  update: contentUpdates,
};

export const suite: BenchSuite = {
  name: 'server',
  description: 'HTTP API against real server processes: GET spec vs a bare Fastify route, list/search latency over 10k specs (SQLite, PostgreSQL), content update rate and database growth',
  async run(ctx) {
    const table = new ResultTable();
    for (const name of selectedParts()) {
      const part = PARTS[name];
      if (part === undefined) throw new Error(`BENCH_SERVER_PARTS: unknown part ${name} (have: ${Object.keys(PARTS).join(', ')})`);
      // A part that cannot run (a route answering 404 while it is being built, a crashed server)
      // is one FAIL line; the other parts still run.
      try {
        await part(ctx, table);
      } catch (error) {
        ctx.check(name, false, `could not run: ${error instanceof Error ? error.message : String(error)}`);
        table.add(`${name} part`, 'could not run', '', false);
      }
    }
    ctx.report('');
    ctx.report('Summary (Markdown, for docs/benchmarks.md):');
    ctx.report('');
    for (const line of table.lines()) ctx.report(line);
  },
};

function selectedParts(): string[] {
  const value = process.env.BENCH_SERVER_PARTS?.trim();
  if (value === undefined || value === '') return Object.keys(PARTS);
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
