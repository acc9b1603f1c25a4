import type { SchemaMigration } from './types.js';

// Lint figures of each spec's current revision, computed when the content is saved, so lists and
// filters never re-lint (one ALTER per column: SQLite adds a single column per statement). List
// indexes end in id, the tie-break of every sort, so a page is read in index order and a cursor
// seeks straight to its place; the (workspace_id, updated_at) index of 0001 is a prefix of one.
export const specLint: SchemaMigration = {
  async up(db) {
    for (const column of ['completeness', 'lint_errors', 'lint_warnings']) {
      await db.schema
        .alterTable('specs')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    await db.schema.dropIndex('specs_workspace_updated').execute();
    await db.schema.createIndex('specs_list_updated').on('specs').columns(['workspace_id', 'updated_at', 'id']).execute();
    await db.schema.createIndex('specs_list_title').on('specs').columns(['workspace_id', 'title', 'id']).execute();
  },
};
