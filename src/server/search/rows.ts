// Writing the index is the same SQL in both dialects: search_sections rows (SQLite's FTS5 triggers
// and PostgreSQL's generated tsvector column follow from them).
import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { SpecDocument } from '../../core/index.js';
import type { DB } from '../db/index.js';
import { reusableQuery } from '../db/reusable-query.js';
import type { SearchIndex } from './port.js';
import { indexedSections, sectionSources, type IndexedSection } from './sections.js';

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

/** What turns the index of one version of a spec into that of another: rows to drop (by path) and rows to add. */
interface SectionChange {
  readonly dropPaths: readonly string[];
  readonly add: readonly IndexedSection[];
}

/**
 * The rows that differ between two versions of a spec, by section path (null when a version has
 * two sections with one path, which only the row diff of replaceSections handles).
 */
function sectionChange(previous: SpecDocument, doc: SpecDocument): SectionChange | null {
  const before = new Map<string, IndexedSection>();
  for (const { row } of sectionSources(previous)) before.set(row.path, row);
  const after = sectionSources(doc, previous);
  if (before.size !== sectionSources(previous).length) return null;
  const seen = new Set<string>();
  const dropPaths: string[] = [];
  const add: IndexedSection[] = [];
  for (const { row } of after) {
    if (seen.has(row.path)) return null;
    seen.add(row.path);
    const old = before.get(row.path);
    if (old === row || (old !== undefined && old.title === row.title && old.body === row.body)) continue;
    if (old !== undefined) dropPaths.push(row.path);
    add.push(row);
  }
  for (const path of before.keys()) if (!seen.has(path)) dropPaths.push(path);
  return { dropPaths, add };
}

// A save usually changes one section: its delete and insert are compiled once (see reusableQuery)
// instead of built, transformed and compiled on every save.
const deleteOneSection = reusableQuery((db: Kysely<DB>, specId: string, path: string) => ({
  compile: () => sql`delete from search_sections where spec_id = ${specId} and section_path = ${path}`.compile(db),
}));

const insertOneSection = reusableQuery((db: Kysely<DB>, specId: string, workspaceId: string, path: string, title: string, body: string) => ({
  compile: () => sql`insert into search_sections (spec_id, workspace_id, section_path, section_title, body) values (${specId}, ${workspaceId}, ${path}, ${title}, ${body})`.compile(db),
}));

async function applyChange(db: Kysely<DB>, spec: { id: string; workspaceId: string }, change: SectionChange): Promise<void> {
  const [onlyPath] = change.dropPaths;
  if (change.dropPaths.length === 1 && onlyPath !== undefined) await deleteOneSection(db, spec.id, onlyPath);
  else {
    for (let i = 0; i < change.dropPaths.length; i += ROWS_PER_INSERT) {
      await sql`delete from search_sections where spec_id = ${spec.id} and section_path in (${sql.join(change.dropPaths.slice(i, i + ROWS_PER_INSERT))})`.execute(db);
    }
  }
  const [onlyRow] = change.add;
  if (change.add.length === 1 && onlyRow !== undefined) await insertOneSection(db, spec.id, spec.workspaceId, onlyRow.path, onlyRow.title, onlyRow.body);
  else {
    for (let i = 0; i < change.add.length; i += ROWS_PER_INSERT) {
      const values = change.add.slice(i, i + ROWS_PER_INSERT).map((s) => sql`(${spec.id}, ${spec.workspaceId}, ${s.path}, ${s.title}, ${s.body})`);
      await sql`insert into search_sections (spec_id, workspace_id, section_path, section_title, body) values ${sql.join(values)}`.execute(db);
    }
  }
}

/** indexSpec and removeSpec of both dialects. */
export const sectionWrites: Pick<SearchIndex, 'indexSpec' | 'removeSpec'> = {
  async indexSpec(trx, spec, doc, previous) {
    // The index holds exactly `previous` (the caller's guarantee): write the difference without
    // reading the rows back. A save usually changes one section of dozens.
    const change = previous === undefined ? null : sectionChange(previous, doc);
    if (change !== null) await applyChange(trx, spec, change);
    else await replaceSections(trx, spec, indexedSections(doc));
  },

  async removeSpec(trx, specId) {
    await deleteSections(trx, specId);
  },
};
