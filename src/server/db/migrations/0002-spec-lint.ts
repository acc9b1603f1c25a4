import type { SchemaMigration } from './types.js';

// Lint figures of each spec's current revision, computed when the content is saved, so lists and
// filters never re-lint. One ALTER per column: SQLite adds a single column per statement.
export const specLint: SchemaMigration = {
  async up(db) {
    for (const column of ['completeness', 'lint_errors', 'lint_warnings']) {
      await db.schema
        .alterTable('specs')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    }
  },
};
