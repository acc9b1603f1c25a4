// PostgreSQL: search_sections.tsv is a stored generated tsvector (title weighted A, body D) with a
// GIN index (see migration 0003-search). Ranking is ts_rank; snippets are ts_headline.
import { sql, type RawBuilder } from 'kysely';
import { afterPosition, candidateFilters, specsJoin } from './filters.js';
import { hitOf, pageOf, type HitColumns } from './hits.js';
import { SEARCH_DEPTH, type SearchIndex, type SearchPage } from './port.js';
import { sectionWrites } from './rows.js';
import { ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START } from './snippet.js';

/** Text search configuration; the migration's generated column uses the same one. */
export const TS_CONFIG = 'english';
/** ts_rank weights for D, C, B, A: body (D) counts a tenth of the title (A). */
const RANK_WEIGHTS = '{0.1, 0.2, 0.4, 1.0}';
const HEADLINE_OPTIONS = [
  `StartSel="${HIGHLIGHT_START}"`,
  `StopSel="${HIGHLIGHT_END}"`,
  'MaxWords=24',
  'MinWords=8',
  'MaxFragments=2',
  `FragmentDelimiter=" ${ELLIPSIS} "`,
].join(', ');

/** Longest text handed to ts_headline, which re-parses all of it (its cost grows with the text). */
const HEADLINE_WINDOW = 2000;
/** Text kept before the first occurrence of a query word when a section is cut to the window. */
const HEADLINE_LEAD = 200;

/**
 * The part of s.body a headline is made from: all of a short section; for a long one, the window
 * starting a little before the first place one of the words appears as typed (or the start: a
 * match only as another word form, far down a long section, then shows without highlight).
 */
function headlineWindow(terms: readonly string[]): RawBuilder<unknown> {
  const firsts = terms.map((t) => sql`nullif(strpos(lower(s.body), ${t}), 0)`);
  return sql`case when length(s.body) <= ${HEADLINE_WINDOW} then s.body
    else substr(s.body, greatest(1, coalesce(least(${sql.join(firsts)}), 1) - ${HEADLINE_LEAD}), ${HEADLINE_WINDOW}) end`;
}

interface HitRow extends HitColumns {
  id: string;
  snippet: string;
}

export const postgresTsvector: SearchIndex = {
  ...sectionWrites,

  async search(db, query): Promise<SearchPage> {
    if (query.terms.length === 0 || query.workspaceIds.length === 0) return { hits: [], next: null };
    // plainto_tsquery reads its input as plain words (no operators), ANDed together. It is written
    // out (not a CTE) so the planner sees the words and can estimate how many sections match.
    const tsquery = sql`plainto_tsquery(${sql.lit(TS_CONFIG)}::regconfig, ${query.terms.join(' ')})`;
    // Candidates (c) are the most recently indexed matches: for a common word the planner walks the
    // primary key backwards and stops at SEARCH_DEPTH, for a rare one it reads the GIN index. Only
    // candidates are ranked, and only the page's rows get a headline (computed after its LIMIT).
    const { rows } = await sql<HitRow>`
      select page.id::text as "id", page.score as "score", s.spec_id as "specId", p.workspace_id as "workspaceId",
        w.key || '-' || p.number as "key", p.title as "title", s.section_path as "sectionPath",
        s.section_title as "sectionTitle", p.status as "status", p.updated_at as "updatedAt",
        ts_headline(${sql.lit(TS_CONFIG)}::regconfig, ${headlineWindow(query.terms)}, ${tsquery}, ${HEADLINE_OPTIONS}) as "snippet"
      from (
        select r.id, r.score
        from (
          select c.id, ts_rank(${RANK_WEIGHTS}::float4[], c.tsv, ${tsquery})::float8 as score
          from (
            select s.id, s.tsv
            from search_sections s
            ${specsJoin(query)}
            where s.tsv @@ ${tsquery} and ${candidateFilters(query)}
            order by s.id desc
            limit ${SEARCH_DEPTH}
          ) c
        ) r
        where ${afterPosition(query.after, sql`r.score`, sql`r.id`)}
        order by r.score desc, r.id desc
        limit ${query.limit + 1}
      ) page
      join search_sections s on s.id = page.id
      join specs p on p.id = s.spec_id
      join workspaces w on w.id = p.workspace_id
      where p.deleted_at is null
      order by page.score desc, page.id desc
    `.execute(db);
    return pageOf(rows, query.limit, (r) => hitOf(r, Number(r.id), r.snippet));
  },
};
