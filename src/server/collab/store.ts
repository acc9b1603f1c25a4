// The database side of live documents (docs/collab.md): an update log appended as updates arrive,
// a snapshot it is compacted into, and the base the REST edit bridge diffs from.
import type { Kysely } from 'kysely';
import * as Y from 'yjs';
import type { DB, DialectName } from '../db/index.js';
import type { Base } from './bridge.js';

/** What is stored for one live document. */
export interface StoredDocument {
  readonly snapshot: Uint8Array;
  /** Updates appended since the snapshot, in arrival order. */
  readonly updates: readonly Uint8Array[];
  readonly baseRevision: number;
  readonly baseState: Uint8Array;
  readonly baseText: string;
  /** Who edited since the last checkpoint, first editor first. */
  readonly contributors: readonly string[];
}

// better-sqlite3 binds Buffers, not plain Uint8Arrays; pg takes either.
const bytes = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

function parseContributors(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A checkpoint's commit found the stored base moved by another node (the commit is rolled back). */
export class BaseMoved extends Error {
  constructor(document: string) {
    super(`the base of ${document} moved`);
  }
}

export class CollabStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly dialect: DialectName,
  ) {}

  async load(document: string): Promise<StoredDocument | null> {
    const row = await this.db.selectFrom('collabDocuments').select(['snapshot', 'baseRevision', 'baseState', 'baseText', 'contributorsJson']).where('document', '=', document).executeTakeFirst();
    if (row === undefined) return null;
    const updates = await this.db.selectFrom('collabUpdates').select('update').where('document', '=', document).orderBy('id').execute();
    return {
      snapshot: row.snapshot,
      updates: updates.map((u) => u.update),
      baseRevision: row.baseRevision,
      baseState: row.baseState,
      baseText: row.baseText,
      contributors: parseContributors(row.contributorsJson),
    };
  }

  /**
   * Stores a first snapshot unless another process (or node) stored one first: then theirs is
   * used, so one spec never gets two initial copies of its text.
   */
  async create(document: string, specId: string, base: Base, now: string): Promise<StoredDocument> {
    await this.db
      .insertInto('collabDocuments')
      .values({ document, specId, snapshot: bytes(base.state), baseRevision: base.revision, baseState: bytes(base.state), baseText: base.text, contributorsJson: '[]', updatedAt: now })
      .onConflict((oc) => oc.column('document').doNothing())
      .execute();
    const stored = await this.load(document);
    if (stored === null) throw new Error(`collab document ${document} vanished while being created`);
    return stored;
  }

  /** Appends one update to the log (before its sender is acknowledged). */
  async append(document: string, update: Uint8Array, userId: string | null, now: string): Promise<void> {
    await this.db.insertInto('collabUpdates').values({ document, update: bytes(update), userId, createdAt: now }).execute();
  }

  /**
   * Moves the stored base from `from` to `to` only if it is still `from` (a conditional UPDATE:
   * the row lock on PostgreSQL, the one writer on SQLite), logging the update that made `to` in the
   * same transaction. False when another node moved it first: the caller takes the stored base
   * and looks again, and applies its update nowhere, so one change is never merged twice.
   * The UPDATE comes first so a SQLite transaction takes the write lock at once.
   */
  async moveBase(document: string, from: Base, to: Base, update: Uint8Array | null, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.setBase(trx, document, from, to, null, now))) return false;
      if (update !== null) await trx.insertInto('collabUpdates').values({ document, update: bytes(update), userId: null, createdAt: now }).execute();
      return true;
    });
  }

  /**
   * Inside a checkpoint's commit transaction: the base becomes the committed state if it is still
   * `from`; otherwise throws BaseMoved, which rolls the commit back (the checkpoint merges and
   * tries again).
   */
  async commitBase(trx: Kysely<DB>, document: string, from: Base, to: Base, contributors: readonly string[], now: string): Promise<void> {
    if (!(await this.setBase(trx, document, from, to, contributors, now))) throw new BaseMoved(document);
  }

  private async setBase(trx: Kysely<DB>, document: string, from: Base, to: Base, contributors: readonly string[] | null, now: string): Promise<boolean> {
    const result = await trx
      .updateTable('collabDocuments')
      .set({ baseRevision: to.revision, baseState: bytes(to.state), baseText: to.text, updatedAt: now, ...(contributors === null ? {} : { contributorsJson: JSON.stringify(contributors) }) })
      .where('document', '=', document)
      .where('baseRevision', '=', from.revision)
      .where('baseText', '=', from.text)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The base as stored (another node's checkpoint or merge may have moved it past a live copy's), and who edited since. */
  async loadBase(document: string): Promise<{ base: Base; contributors: string[] } | null> {
    const row = await this.db.selectFrom('collabDocuments').select(['baseRevision', 'baseState', 'baseText', 'contributorsJson']).where('document', '=', document).executeTakeFirst();
    return row === undefined ? null : { base: { revision: row.baseRevision, state: row.baseState, text: row.baseText }, contributors: parseContributors(row.contributorsJson) };
  }

  async saveContributors(document: string, contributors: readonly string[], now: string): Promise<void> {
    await this.db.updateTable('collabDocuments').set({ contributorsJson: JSON.stringify(contributors), updatedAt: now }).where('document', '=', document).execute();
  }

  /**
   * Folds the log into the snapshot. Works from the database alone (not a live copy), and deletes
   * exactly the rows it folded in, so an update that arrives meanwhile is never lost. The row lock
   * (PostgreSQL; SQLite has one writer) keeps two compactions of one document from racing.
   */
  async compact(document: string, now: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('collabDocuments')
        .select('snapshot')
        .where('document', '=', document)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (row === undefined) return 0;
      const updates = await trx.selectFrom('collabUpdates').select(['id', 'update']).where('document', '=', document).orderBy('id').execute();
      if (updates.length === 0) return 0;
      const doc = new Y.Doc();
      doc.transact(() => {
        Y.applyUpdate(doc, row.snapshot);
        for (const u of updates) Y.applyUpdate(doc, u.update);
      });
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await trx.updateTable('collabDocuments').set({ snapshot: bytes(snapshot), updatedAt: now }).where('document', '=', document).execute();
      const ids = updates.map((u) => Number(u.id));
      for (let i = 0; i < ids.length; i += 500) await trx.deleteFrom('collabUpdates').where('id', 'in', ids.slice(i, i + 500)).execute();
      return ids.length;
    });
  }

  /** Everyone credited with a revision made by a checkpoint, author first (empty for other revisions). */
  async contributorsOf(specId: string, revision: number): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom('revisionContributors')
      .innerJoin('users', 'users.id', 'revisionContributors.userId')
      .select(['users.id', 'users.name'])
      .where('revisionContributors.specId', '=', specId)
      .where('revisionContributors.revision', '=', revision)
      .orderBy('revisionContributors.position')
      .execute();
  }
}
