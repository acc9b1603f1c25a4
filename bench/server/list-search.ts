// Target 2: list and search latency (p95) over 10,000 specs / 100,000 sections, on SQLite and on
// PostgreSQL: the server runs as its own process; the workspace is seeded through the database
// layer first (bench/server/seed.ts), then each request is timed one at a time.
import type { BenchContext } from '../harness.js';
import { setUpOwner, type BenchOwner } from './api.js';
import { fmtBytes, fmtInt, fmtMs, fmtSeconds } from './format.js';
import { measureLatency, type LatencyResult } from './latency.js';
import { adminUrl, createTempDatabase, postgresUnavailable } from './postgres.js';
import { withProcessCpu } from './process-cpu.js';
import type { ResultTable } from './result-table.js';
import { seedSpecs } from './seed.js';
import { startAppServer, type AppServer } from './servers.js';
import { LIST_SEARCH_SETTINGS, SERVER_LOG_LEVEL } from './settings.js';
import { skipLine } from './skip.js';
import { COMMON_WORD, RARE_WORD } from './spec-text.js';

type DatabaseName = 'sqlite' | 'postgres';

interface Case {
  readonly name: string;
  readonly label: string;
  /** Path and query below /api/v1. */
  readonly path: string;
  /** How many items the answer must have at least (an empty answer is not a fast answer). */
  readonly minItems: number;
}

const FILTER_LABEL = 'security';

export async function listAndSearch(ctx: BenchContext, table: ResultTable): Promise<void> {
  await onDatabase(ctx, table, 'sqlite', undefined);
  const admin = adminUrl();
  const unavailable = await postgresUnavailable(admin);
  if (unavailable !== null) {
    skipLine(`server/list-search/postgres: PostgreSQL is not reachable at ${redact(admin)} (${unavailable}); set BENCH_POSTGRES_URL to run this part`);
    table.add('List / search p95, PostgreSQL', 'skipped (PostgreSQL unreachable)', `<= ${LIST_SEARCH_SETTINGS.maxP95Ms} ms`, null);
    return;
  }
  const database = await createTempDatabase(admin);
  try {
    await onDatabase(ctx, table, 'postgres', database.url);
  } finally {
    await database.drop();
  }
}

async function onDatabase(ctx: BenchContext, table: ResultTable, name: DatabaseName, databaseUrl: string | undefined): Promise<void> {
  const s = LIST_SEARCH_SETTINGS;
  const server = await startAppServer(databaseUrl === undefined ? { logLevel: SERVER_LOG_LEVEL } : { logLevel: SERVER_LOG_LEVEL, databaseUrl });
  try {
    const owner = await setUpOwner(server.url);
    const database = databaseUrl === undefined ? { dialect: 'sqlite' as const, file: server.sqliteFile } : { dialect: 'postgres' as const, url: databaseUrl, poolMax: s.seedConcurrency };
    const seeded = await seedSpecs(database, owner, s.specs, name === 'sqlite' ? 1 : s.seedConcurrency);
    if (seeded.specs !== s.specs) throw new Error(`${name}: seeded ${seeded.specs} specs, expected ${s.specs}`);
    ctx.report(
      `${name}: seeded ${fmtInt(seeded.specs)} specs (${fmtInt(seeded.indexedSections)} indexed sections incl. one title row per spec, ${fmtBytes(seeded.contentBytes)} of Markdown) ` +
        `in ${fmtSeconds(seeded.ms)} (${fmtInt((seeded.specs * 1000) / seeded.ms)} specs/s)`,
    );
    table.add(`Seeding ${fmtInt(s.specs)} specs, ${name}`, `${fmtSeconds(seeded.ms)} (${fmtInt((seeded.specs * 1000) / seeded.ms)} specs/s)`, '', null);
    const headers = { authorization: `Bearer ${owner.token}` };
    for (const c of await casesFor(server, owner, headers)) {
      const { result, cpuMs } = await withProcessCpu(server.pid, () =>
        measureLatency(`${server.url}/api/v1${c.path}`, { headers, warmup: s.warmup, samples: s.samples, maxSeconds: s.maxSecondsPerCase }),
      );
      // Server CPU per request hardly moves with the machine's load, unlike the wall-clock percentiles.
      const cpu = cpuMs === null ? '' : `; server CPU ${fmtMs(cpuMs / (result.samples + s.warmup))}/request`;
      const items = await itemCount(`${server.url}/api/v1${c.path}`, headers);
      if (items < c.minItems) throw new Error(`${name} ${c.label}: ${items} items, expected at least ${c.minItems}`);
      const pass = result.p95 <= s.maxP95Ms;
      ctx.check(`list-search/${name}/${c.name}`, pass, `${c.label}: p95 ${fmtMs(result.p95)} (target <= ${s.maxP95Ms} ms); ${latencyLine(result)}${cpu}; ${items} items`);
      table.add(`${c.label}, ${name}`, `p95 ${fmtMs(result.p95)} (p50 ${fmtMs(result.p50)})`, `p95 <= ${s.maxP95Ms} ms`, pass);
    }
  } finally {
    await server.stop();
  }
}

async function casesFor(server: AppServer, owner: BenchOwner, headers: Record<string, string>): Promise<Case[]> {
  const s = LIST_SEARCH_SETTINGS;
  const list = `/workspaces/${owner.workspaceKey}/specs?limit=${s.pageSize}`;
  const filtered = `${list}&label=${FILTER_LABEL}`;
  const cursor = await cursorAfterPages(`${server.url}/api/v1${filtered}`, headers, s.laterPage);
  return [
    { name: 'list', label: `list ?limit=${s.pageSize}`, path: list, minItems: s.pageSize },
    { name: 'list-filter', label: `list ?label=${FILTER_LABEL}&limit=${s.pageSize}`, path: filtered, minItems: s.pageSize },
    { name: 'list-filter-cursor', label: `list ?label=${FILTER_LABEL}, page ${s.laterPage + 1} by cursor`, path: `${filtered}&cursor=${encodeURIComponent(cursor)}`, minItems: s.pageSize },
    { name: 'search-common', label: `search ?q=${COMMON_WORD} (common word)`, path: `/search?q=${COMMON_WORD}`, minItems: 20 },
    { name: 'search-rare', label: `search ?q=${RARE_WORD} (rare word)`, path: `/search?q=${RARE_WORD}`, minItems: 1 },
  ];
}

/** The nextCursor after following `pages` pages from `url`. */
async function cursorAfterPages(url: string, headers: Record<string, string>, pages: number): Promise<string> {
  let cursor: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const response = await fetch(cursor === null ? url : `${url}&cursor=${encodeURIComponent(cursor)}`, { headers });
    const body = (await response.json()) as { nextCursor?: string | null };
    if (response.status !== 200 || typeof body.nextCursor !== 'string') throw new Error(`${url}: page ${page + 1} has no nextCursor (HTTP ${response.status})`);
    cursor = body.nextCursor;
  }
  if (cursor === null) throw new Error('no cursor');
  return cursor;
}

async function itemCount(url: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { headers });
  const body = (await response.json()) as { items?: unknown[] };
  return Array.isArray(body.items) ? body.items.length : 0;
}

function latencyLine(r: LatencyResult): string {
  return `p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, max ${fmtMs(r.max)} over ${r.samples} requests, ${fmtBytes(r.bodyBytes)}/response`;
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
