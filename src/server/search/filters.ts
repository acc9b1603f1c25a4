import { sql, type RawBuilder } from 'kysely';
import type { SearchPosition, SearchQuery } from './port.js';

// Conditions for the candidate scan, the same SQL in both dialects, with the aliases `s`
// (search_sections) and `p` (specs). Every value is a bound parameter. Deleted specs have no rows
// in search_sections (removeSpec), so only the metadata filters need the specs table: without
// them the scan never leaves the index.

/** True when the query filters on spec metadata, so the candidate scan must join specs as `p`. */
export function needsSpecs(query: SearchQuery): boolean {
  return (
    query.status !== undefined ||
    query.authorId !== undefined ||
    query.templateId !== undefined ||
    query.updatedAfter !== undefined ||
    query.updatedBefore !== undefined ||
    query.label !== undefined
  );
}

/** The specs join of the candidate scan, when needsSpecs(). */
export function specsJoin(query: SearchQuery): RawBuilder<unknown> {
  return needsSpecs(query) ? sql`join specs p on p.id = s.spec_id` : sql``;
}

/** Workspaces and the optional status/author/label/template/updated filters. */
export function candidateFilters(query: SearchQuery): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`s.workspace_id in (${sql.join(query.workspaceIds)})`];
  if (needsSpecs(query)) conditions.push(sql`p.deleted_at is null`);
  if (query.status !== undefined) conditions.push(sql`p.status = ${query.status}`);
  if (query.authorId !== undefined) conditions.push(sql`p.author_id = ${query.authorId}`);
  if (query.templateId !== undefined) conditions.push(sql`p.template_id = ${query.templateId}`);
  if (query.updatedAfter !== undefined) conditions.push(sql`p.updated_at >= ${query.updatedAfter}`);
  if (query.updatedBefore !== undefined) conditions.push(sql`p.updated_at <= ${query.updatedBefore}`);
  if (query.label !== undefined) {
    // Uncorrelated: evaluated once, not per candidate row.
    conditions.push(
      sql`p.id in (select sl.spec_id from spec_labels sl join labels l on l.id = sl.label_id where l.name = ${query.label} and l.workspace_id in (${sql.join(query.workspaceIds)}))`,
    );
  }
  return sql.join(conditions, sql` and `);
}

/** Keyset condition for the page after `after` (order: score desc, row desc). */
export function afterPosition(after: SearchPosition | null, score: RawBuilder<unknown>, row: RawBuilder<unknown>): RawBuilder<unknown> {
  if (after === null) return sql`1 = 1`;
  return sql`(${score} < ${after.score} or (${score} = ${after.score} and ${row} < ${after.row}))`;
}
