// Writing the index is the same SQL in both dialects: search_sections rows (SQLite's FTS5 triggers
// and PostgreSQL's generated tsvector column follow from them).
import { sql, type QueryExecutorProvider } from 'kysely';
import type { SearchIndex } from './port.js';
import { indexedSections, type IndexedSection } from './sections.js';

/** Rows per INSERT: far below both databases' bound-parameter limits (5 per row). */
const ROWS_PER_INSERT = 500;

export async function deleteSections(db: QueryExecutorProvider, specId: string): Promise<void> {
  await sql`delete from search_sections where spec_id = ${specId}`.execute(db);
}

const keyOf = (s: IndexedSection): string => JSON.stringify([s.path, s.title, s.body]);

/**
 * Makes the spec's indexed sections equal `sections`. Only sections that changed are written: a
 * save usually changes one section of dozens, and every written row costs an index update (FTS5
 * rows, GIN entries), which would otherwise dominate the cost of a save.
 */
export async function replaceSections(db: QueryExecutorProvider, spec: { id: string; workspaceId: string }, sections: readonly IndexedSection[]): Promise<void> {
  const { rows } = await sql<{ id: number | string; path: string; title: string; body: string }>`
    select id as "id", section_path as "path", section_title as "title", body as "body" from search_sections where spec_id = ${spec.id}
  `.execute(db);
  const unmatched = new Map<string, (number | string)[]>();
  for (const row of rows) unmatched.set(keyOf(row), [...(unmatched.get(keyOf(row)) ?? []), row.id]);
  const added: IndexedSection[] = [];
  for (const section of sections) {
    const ids = unmatched.get(keyOf(section));
    if (ids !== undefined && ids.length > 0) ids.pop();
    else added.push(section);
  }
  const stale = [...unmatched.values()].flat();
  for (let i = 0; i < stale.length; i += ROWS_PER_INSERT) {
    await sql`delete from search_sections where id in (${sql.join(stale.slice(i, i + ROWS_PER_INSERT))})`.execute(db);
  }
  for (let i = 0; i < added.length; i += ROWS_PER_INSERT) {
    const values = added.slice(i, i + ROWS_PER_INSERT).map((s) => sql`(${spec.id}, ${spec.workspaceId}, ${s.path}, ${s.title}, ${s.body})`);
    await sql`insert into search_sections (spec_id, workspace_id, section_path, section_title, body) values ${sql.join(values)}`.execute(db);
  }
}

/** indexSpec and removeSpec of both dialects. */
export const sectionWrites: Pick<SearchIndex, 'indexSpec' | 'removeSpec'> = {
  async indexSpec(trx, spec, doc) {
    await replaceSections(trx, spec, indexedSections(doc));
  },

  async removeSpec(trx, specId) {
    await deleteSections(trx, specId);
  },
};
