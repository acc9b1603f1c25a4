import type { Kysely, QueryResult } from 'kysely';
import type { DB } from '../../db/index.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { newId } from '../secrets.js';
import { reusableQuery } from './reusable-query.js';

const DEFAULT_COLOR = '#6b7280';

/** Distinct names, sorted: the canonical form of a label set. */
export function normalizeLabels(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()))].sort();
}

/**
 * Makes the spec carry exactly these labels, creating workspace labels that do not exist yet
 * (concurrent creators of the same label both succeed: the unique key decides, nobody fails).
 */
export async function setSpecLabels(trx: Kysely<DB>, workspaceId: string, specId: string, names: readonly string[], now: string): Promise<string[]> {
  const wanted = normalizeLabels(names);
  await trx.deleteFrom('specLabels').where('specId', '=', specId).execute();
  if (wanted.length === 0) return wanted;
  await trx
    .insertInto('labels')
    .values(wanted.map((name) => ({ id: newId(), workspaceId, name, color: DEFAULT_COLOR, createdAt: now })))
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .execute();
  const rows = await trx.selectFrom('labels').select('id').where('workspaceId', '=', workspaceId).where('name', 'in', wanted).execute();
  await trx
    .insertInto('specLabels')
    .values(rows.map((r) => ({ specId, labelId: r.id })))
    .execute();
  return wanted;
}

// The labels query of a list page, compiled once per number of specs (a page size, at most
// MAX_PAGE_SIZE shapes): built per request it cost about as much CPU as running it.
const labelQueries = new Map<number, (db: Kysely<DB>, ...specIds: string[]) => Promise<QueryResult<{ specId: string; name: string }>>>();

const buildLabels = (db: Kysely<DB>, ...specIds: string[]) =>
  db.selectFrom('specLabels').innerJoin('labels', 'labels.id', 'specLabels.labelId').select(['specLabels.specId', 'labels.name']).where('specLabels.specId', 'in', specIds).orderBy('labels.name');

async function labelRows(db: Kysely<DB>, specIds: readonly string[]): Promise<{ specId: string; name: string }[]> {
  const count = specIds.length;
  if (count > MAX_PAGE_SIZE + 1) return buildLabels(db, ...specIds).execute();
  let query = labelQueries.get(count);
  if (query === undefined) {
    query = reusableQuery(buildLabels);
    labelQueries.set(count, query);
  }
  return (await query(db, ...specIds)).rows;
}

/** Labels of many specs in one query (no N+1 on lists). */
export async function labelsOf(db: Kysely<DB>, specIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (specIds.length === 0) return out;
  const rows = await labelRows(db, specIds);
  for (const r of rows) {
    const list = out.get(r.specId);
    if (list === undefined) out.set(r.specId, [r.name]);
    else list.push(r.name);
  }
  return out;
}
