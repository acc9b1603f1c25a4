// `npx tsx bench/server/wal-frames.ts`: which tables and indexes one PUT content save writes, in
// SQLite WAL frames (pages) per save. A save's COMMIT appends every page it changed to the WAL (two
// pwrite calls each), so this is where the write path's I/O goes (docs/server-architecture.md).
// The server runs in this process; automatic checkpoints are turned off for the measured saves, so
// the WAL holds exactly their frames, then each frame's page number is mapped to its b-tree by dbstat.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/server.js';
import { setUpOwner } from './api.js';
import { createPutChains, putContent, type PutChain } from './put-chain.js';
import { fmtBytes } from './format.js';
import { specOfSize } from './spec-text.js';

const SPECS = 8;
const WARMUP = 100;
const MEASURED = 40;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;


/** Page numbers of the WAL's frames, and how many of them end a transaction. */
function walFrames(file: string): { pages: number[]; commits: number } {
  const wal = readFileSync(file);
  const pageSize = wal.readUInt32BE(8);
  const pages: number[] = [];
  let commits = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.length; at += FRAME_HEADER + pageSize) {
    pages.push(wal.readUInt32BE(at));
    if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
  }
  return { pages, commits };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'specboard-wal-frames-'));
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', REDIS_URL: '', DATABASE_URL: '', WEB_DIR: join(dataDir, 'none') });
  const server = await startServer(loadConfig());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const db = server.app.database.db;
    const owner = await setUpOwner(server.url);
    const base = specOfSize(5 * 1024);
    const chains = await createPutChains(server.url, owner, base, SPECS);
    for (let i = 0; i < WARMUP; i += 1) await putContent(agent, owner, chains[i % SPECS] as PutChain);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    await sql`pragma wal_autocheckpoint = 0`.execute(db);
    for (let i = 0; i < MEASURED; i += 1) await putContent(agent, owner, chains[i % SPECS] as PutChain);
    const { pages, commits } = walFrames(join(dataDir, 'specboard.db-wal'));
    const { rows } = await sql<{ name: string; pageno: number; pagetype: string }>`select name, pageno, pagetype from dbstat`.execute(db);
    const owners = new Map(rows.map((r) => [r.pageno, r.pagetype === 'overflow' ? `${r.name} (overflow)` : r.name]));
    const counts = new Map<string, number>();
    for (const page of pages) {
      const name = page === 1 ? 'page 1 (database header)' : (owners.get(page) ?? 'free list / other');
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    console.log(`${pages.length} WAL frames in ${commits} commits for ${MEASURED} saves of a ${fmtBytes(Buffer.byteLength(base, 'utf8'))} spec: ${(pages.length / MEASURED).toFixed(1)} per save`);
    for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${(count / MEASURED).toFixed(2).padStart(6)}  ${name}`);
  } finally {
    agent.destroy();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
