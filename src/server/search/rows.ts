// Writing the index is the same SQL in both dialects: search_sections rows (SQLite's FTS5 triggers
// and PostgreSQL's generated tsvector column follow from them).
import { sql, type QueryExecutorProvider } from 'kysely';
import type { IndexedSection } from './sections.js';

/** Rows per INSERT: far below both databases' bound-parameter limits (6 per row). */
const ROWS_PER_INSERT = 500;

export async function deleteSections(db: QueryExecutorProvider, specId: string): Promise<void> {
  await sql`delete from search_sections where spec_id = ${specId}`.execute(db);
}

/** Replaces every indexed section of the spec. */
export async function replaceSections(db: QueryExecutorProvider, spec: { id: string; workspaceId: string }, sections: readonly IndexedSection[]): Promise<void> {
  await deleteSections(db, spec.id);
  for (let i = 0; i < sections.length; i += ROWS_PER_INSERT) {
    const values = sections
      .slice(i, i + ROWS_PER_INSERT)
      .map((s) => sql`(${spec.id}, ${spec.workspaceId}, ${s.ord}, ${s.path}, ${s.title}, ${s.body})`);
    await sql`
      insert into search_sections (spec_id, workspace_id, ord, section_path, section_title, body)
      values ${sql.join(values)}
    `.execute(db);
  }
}
