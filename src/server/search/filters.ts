import { sql, type RawBuilder } from 'kysely';
import type { SearchPosition, SearchQuery } from './port.js';

// Conditions on spec metadata, the same SQL in both dialects. They expect the aliases
// `s` (search_sections) and `p` (specs). Every value is a bound parameter.

/** Workspace, not deleted, and the optional status/author/label/template/updated filters. */
export function specFilters(query: SearchQuery): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [
    sql`s.workspace_id in (${sql.join(query.workspaceIds)})`,
    sql`p.deleted_at is null`,
  ];
  if (query.status !== undefined) conditions.push(sql`p.status = ${query.status}`);
  if (query.authorId !== undefined) conditions.push(sql`p.author_id = ${query.authorId}`);
  if (query.templateId !== undefined) conditions.push(sql`p.template_id = ${query.templateId}`);
  if (query.updatedAfter !== undefined) conditions.push(sql`p.updated_at >= ${query.updatedAfter}`);
  if (query.updatedBefore !== undefined) conditions.push(sql`p.updated_at < ${query.updatedBefore}`);
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
