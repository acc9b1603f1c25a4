import type { SchemaMigration } from './types.js';

// Real-time co-editing (docs/collab.md). Each live document (one per spec) has:
// - collab_updates: every Yjs update appended as it arrives (before the sender is acknowledged),
//   so a crash loses nothing that reached the server;
// - collab_documents: the compacted snapshot the log is folded into, plus the "base": the Yjs
//   state whose text equals the spec's content at base_revision (the REST/GraphQL edit bridge
//   diffs from it), and who edited since the last checkpoint;
// - revision_contributors: everyone credited with a revision made by a checkpoint.
export const collab: SchemaMigration = {
  async up(db, dialect) {
    const blob = dialect === 'postgres' ? 'bytea' : 'blob';
    await db.schema
      .createTable('collab_updates')
      .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('update', blob, (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('collab_updates_document').on('collab_updates').columns(['document', 'id']).execute();

    await db.schema
      .createTable('collab_documents')
      .addColumn('document', 'text', (c) => c.primaryKey())
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('snapshot', blob, (c) => c.notNull())
      .addColumn('base_revision', 'integer', (c) => c.notNull())
      .addColumn('base_state', blob, (c) => c.notNull())
      // The text of base_state (kept so loading does not decode it).
      .addColumn('base_text', 'text', (c) => c.notNull())
      // JSON array of user ids, first editor first: who edited since the last checkpoint.
      .addColumn('contributors_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('revision_contributors')
      .addColumn('spec_id', 'text', (c) => c.notNull().references('specs.id').onDelete('cascade'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('revision_contributors_pk', ['spec_id', 'revision', 'user_id'])
      .execute();
  },
};
