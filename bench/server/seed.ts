// Seeding a workspace with many specs, fast: rows are written in batches through the database layer
// (a transaction of many specs, multi-row INSERTs), and every spec is indexed for search through the
// search port, exactly as the specs service indexes it. One spec at a time through the service (or
// the API) costs a transaction and a dozen statements per spec, which made seeding 10,000 specs the
// slowest part of the suite.
import { sql, type Kysely, type Transaction } from 'kysely';
import { parse } from '../../src/core/index.js';
import type { DatabaseConfig } from '../../src/server/config.js';
import { openDatabase, type DB } from '../../src/server/db/index.js';
import { searchIndexOf } from '../../src/server/search/index.js';
import { newId } from '../../src/server/services/secrets.js';
import type { BenchOwner } from './api.js';
import { SEED_LABELS, seedSpec } from './spec-text.js';

export interface SeedResult {
  readonly specs: number;
  /** Rows of the workspace's search index afterwards: one per section, plus one per spec for its title. */
  readonly indexedSections: number;
  readonly contentBytes: number;
  readonly ms: number;
}

/** Specs per transaction; far below both databases' bound-parameter limits (13 per spec row). */
const BATCH = 250;
const TEMPLATE_ID = 'technical-specification';
/** Seeded specs were written over the last 30 days, oldest first. */
const SPAN_MS = 30 * 24 * 3600 * 1000;

/**
 * Creates `count` seeded specs (bench/server/spec-text.ts) in the owner's workspace, numbered on
 * from the workspace's next spec number, in batches of which up to `concurrency` are written at once (PostgreSQL indexes
 * them on several connections; SQLite has one connection and writes one batch at a time anyway).
 */
export async function seedSpecs(database: DatabaseConfig, owner: BenchOwner, count: number, concurrency = 1): Promise<SeedResult> {
  const handle = openDatabase(database);
  try {
    await handle.migrate();
    const db = handle.db;
    const before = await specCount(db, owner.workspaceId);
    const started = performance.now();
    const labelIds = await ensureLabels(db, owner.workspaceId);
    const { nextSpecNumber } = await db.selectFrom('workspaces').select('nextSpecNumber').where('id', '=', owner.workspaceId).executeTakeFirstOrThrow();
    const first = Date.now() - SPAN_MS;
    const timeOf = (i: number): string => new Date(first + Math.floor((SPAN_MS * i) / count)).toISOString();
    let contentBytes = 0;
    let next = 0;
    const writer = async (): Promise<void> => {
      for (let from = next; from < count; from = next) {
        next += BATCH;
        const to = Math.min(count, from + BATCH);
        const bytes = await db.transaction().execute((trx) => insertBatch(trx, owner, labelIds, { from, to, firstNumber: nextSpecNumber }, timeOf));
        contentBytes += bytes;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, writer));
    await db.updateTable('workspaces').set({ nextSpecNumber: nextSpecNumber + count }).where('id', '=', owner.workspaceId).execute();
    // PostgreSQL plans from table statistics, which autovacuum refreshes within a minute or so of a
    // bulk load; until then it estimates 1 row for a 10,000-row table and, e.g., sorts the whole
    // workspace for a page of 50 (80 ms instead of 0.1 ms). Measure the steady state, not that minute.
    if (handle.dialect === 'postgres') await sql`analyze`.execute(db);
    const ms = performance.now() - started;
    return { specs: (await specCount(db, owner.workspaceId)) - before, indexedSections: await indexedSectionCount(db, owner.workspaceId), contentBytes, ms };
  } finally {
    await handle.close();
  }
}

async function ensureLabels(db: Kysely<DB>, workspaceId: string): Promise<Map<string, string>> {
  const now = new Date().toISOString();
  await db
    .insertInto('labels')
    .values(SEED_LABELS.map((name) => ({ id: newId(), workspaceId, name, color: '#6b7280', createdAt: now })))
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .execute();
  const rows = await db.selectFrom('labels').select(['id', 'name']).where('workspaceId', '=', workspaceId).execute();
  return new Map(rows.map((r) => [r.name, r.id]));
}

interface BatchRange {
  readonly from: number;
  readonly to: number;
  /** Number of seeded spec 0. */
  readonly firstNumber: number;
}

/** Seeded specs from..to-1 with revision 1, labels and search rows; returns their bytes. */
async function insertBatch(trx: Transaction<DB>, owner: BenchOwner, labelIds: ReadonlyMap<string, string>, range: BatchRange, timeOf: (index: number) => string): Promise<number> {
  const { from, to, firstNumber } = range;
  const specs = [];
  const revisions = [];
  const specLabels = [];
  const docs = [];
  let bytes = 0;
  for (let index = from; index < to; index += 1) {
    const seeded = seedSpec(index);
    const id = newId();
    const at = timeOf(index);
    const doc = parse(seeded.markdown);
    bytes += Buffer.byteLength(seeded.markdown, 'utf8');
    specs.push({
      id,
      workspaceId: owner.workspaceId,
      number: firstNumber + index,
      title: doc.title?.text ?? `Spec ${firstNumber + index}`,
      status: 'draft',
      authorId: owner.userId,
      templateId: TEMPLATE_ID,
      templateVersion: 1,
      content: seeded.markdown,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    });
    revisions.push({ id: newId(), specId: id, number: 1, authorId: owner.userId, createdAt: at, summary: 'Created', content: seeded.markdown });
    for (const name of new Set(seeded.labels)) {
      const labelId = labelIds.get(name);
      if (labelId === undefined) throw new Error(`seed label ${name} is missing`);
      specLabels.push({ specId: id, labelId });
    }
    docs.push({ id, doc });
  }
  await trx.insertInto('specs').values(specs).execute();
  await trx.insertInto('revisions').values(revisions).execute();
  await trx.insertInto('specLabels').values(specLabels).execute();
  const index = searchIndexOf(trx);
  for (const { id, doc } of docs) await index.indexSpec(trx, { id, workspaceId: owner.workspaceId }, doc);
  return bytes;
}

async function specCount(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db.selectFrom('specs').select((eb) => eb.fn.countAll<number | string>().as('n')).where('workspaceId', '=', workspaceId).executeTakeFirstOrThrow();
  return Number(row.n);
}

// search_sections belongs to the search module's migration, not to the Kysely schema.
async function indexedSectionCount(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from search_sections where workspace_id = ${workspaceId}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
