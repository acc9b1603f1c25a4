import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { newId } from '../secrets.js';

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
