import type { Kysely, Selectable } from 'kysely';
import type { DB, SpecVersionsTable } from '../../db/index.js';
import type { SpecMeta } from '../specs/load.js';
import { newId } from '../secrets.js';
import { reusableQuery } from '../../db/reusable-query.js';

export type VersionRow = Selectable<SpecVersionsTable>;

/**
 * The spec's current (newest) version. Specs predating the workflow, and new specs, have no
 * version row until the workflow first touches them: version 1 is created then, with the spec's
 * status (racing creators insert one row; the other insert is ignored).
 */
export async function currentVersion(db: Kysely<DB>, spec: SpecMeta, now: string): Promise<VersionRow> {
  const found = await newestVersion(db, spec.id);
  if (found !== undefined) return found;
  await db
    .insertInto('specVersions')
    .values({
      id: newId(),
      specId: spec.id,
      number: 1,
      status: spec.status,
      startRevision: 1,
      createdBy: spec.authorId,
      createdAt: spec.createdAt,
      updatedAt: now,
    })
    .onConflict((oc) => oc.columns(['specId', 'number']).doNothing())
    .execute();
  const created = await newestVersion(db, spec.id);
  if (created === undefined) throw new Error(`version 1 of spec ${spec.id} could not be created`);
  return created;
}

// Every content save reads it (the footer's reviewers): built and compiled once.
const newestVersionQuery = reusableQuery((db: Kysely<DB>, specId: string) => db.selectFrom('specVersions').selectAll().where('specId', '=', specId).orderBy('number', 'desc').limit(1));

/** The newest version row, if any. */
export async function newestVersion(db: Kysely<DB>, specId: string): Promise<VersionRow | undefined> {
  return (await newestVersionQuery(db, specId)).rows[0];
}

/**
 * Re-reads a version inside a transaction after taking its row lock (an UPDATE): concurrent
 * workflow operations on one version run one after the other on PostgreSQL (SQLite runs writers
 * one at a time anyway), so two reviewers approving at once both see each other's approval.
 */
export async function lockVersion(trx: Kysely<DB>, versionId: string, now: string): Promise<VersionRow> {
  await trx.updateTable('specVersions').set({ updatedAt: now }).where('id', '=', versionId).execute();
  return trx.selectFrom('specVersions').selectAll().where('id', '=', versionId).executeTakeFirstOrThrow();
}
