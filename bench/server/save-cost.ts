// `npx tsx bench/server/save-cost.ts`: where one PUT content save's CPU goes, in this process
// (server and client share it, so figures are CPU per request of both): a full save, a no-op PUT
// of the same text (HTTP, authentication, spec lookup, If-Match, answer: what every save pays
// besides its own work), and each SQL statement's CPU per save, by statement text. CPU time, not
// wall time, so it holds up on a machine others are loading (docs/server-architecture.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { setUpOwner } from './api.js';
import { createPutChains, putContent, type PutChain } from './put-chain.js';
import { specOfSize } from './spec-text.js';

const SPECS = 8;
const WARMUP = 200;
const MEASURED = Number(process.env.SAVES ?? 600);


interface StatementCost {
  count: number;
  micros: number;
}

const statements = new Map<string, StatementCost>();
let timing = false;

type Method = (...args: unknown[]) => unknown;
interface PreparedLike {
  [method: string]: unknown;
}

/** Wraps better-sqlite3's prepare so every statement run while `timing` adds its CPU to `statements`. */
function timeStatements(): void {
  const BetterSqlite3 = createRequire(import.meta.url)('better-sqlite3') as { prototype: { prepare: (text: string) => PreparedLike } };
  const prepare = BetterSqlite3.prototype.prepare;
  BetterSqlite3.prototype.prepare = function (this: unknown, text: string): PreparedLike {
    const statement = prepare.call(this, text);
    const key = text.replace(/\s+/g, ' ').slice(0, 110);
    for (const name of ['run', 'all', 'get', 'iterate']) {
      const method = statement[name];
      if (typeof method !== 'function') continue;
      statement[name] = (...args: unknown[]): unknown => {
        if (!timing) return (method as Method).apply(statement, args);
        const before = process.cpuUsage();
        try {
          return (method as Method).apply(statement, args);
        } finally {
          const used = process.cpuUsage(before);
          const cost = statements.get(key) ?? { count: 0, micros: 0 };
          cost.count += 1;
          cost.micros += used.user + used.system;
          statements.set(key, cost);
        }
      };
    }
    return statement;
  };
}

/** CPU µs of this process per PUT over `count` PUTs spread over the chains. */
async function cpuPerPut(count: number, each: (chain: PutChain) => Promise<void>, chains: readonly PutChain[]): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i += 1) await each(chains[i % chains.length] as PutChain);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

async function main(): Promise<void> {
  timeStatements();
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-save-cost-'));
  // Logging as the bench's server does (info, a line per request); stdout is where it goes.
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', REDIS_URL: '', DATABASE_URL: '', WEB_DIR: join(dataDir, 'none') });
  Object.assign(process.env, { RATE_LIMIT_STRICT: '1000000', RATE_LIMIT_WRITE: '1000000', RATE_LIMIT_READ: '1000000', RATE_LIMIT_WINDOW_MS: '1000' });
  const print = process.stderr.write.bind(process.stderr);
  const server = await startServer(loadConfig());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const owner = await setUpOwner(server.url);
    const base = specOfSize(5 * 1024);
    const chains = await createPutChains(server.url, owner, base, SPECS);
    await cpuPerPut(WARMUP, (chain) => putContent(agent, owner, chain, true), chains);
    const noop = await cpuPerPut(MEASURED, (chain) => putContent(agent, owner, chain, false), chains);
    const save = await cpuPerPut(MEASURED, (chain) => putContent(agent, owner, chain, true), chains);
    timing = true;
    await cpuPerPut(MEASURED, (chain) => putContent(agent, owner, chain, true), chains);
    timing = false;
    const rows = [...statements].sort((a, b) => b[1].micros - a[1].micros);
    const sqlTotal = rows.reduce((sum, [, c]) => sum + c.micros, 0) / MEASURED;
    print(`${MEASURED} PUTs of a ${Buffer.byteLength(base, 'utf8')}-byte spec over ${SPECS} specs, CPU of this process (server + client) per PUT:\n`);
    print(`  save (a one-line change, a new revision)  ${save.toFixed(0)} us\n`);
    print(`  no-op PUT (the same text: no revision)    ${noop.toFixed(0)} us\n`);
    print(`  SQL statements of a save, ${(rows.reduce((sum, [, c]) => sum + c.count, 0) / MEASURED).toFixed(1)} per save: ${sqlTotal.toFixed(0)} us (timed separately; timing adds ~1 us each)\n`);
    for (const [text, cost] of rows) print(`${(cost.micros / MEASURED).toFixed(1).padStart(8)} us  ${(cost.count / MEASURED).toFixed(2)}x  ${text}\n`);
  } finally {
    agent.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
