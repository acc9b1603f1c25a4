// SQLite: an FTS5 table with external content (search_sections), kept in step by triggers (see
// migration 0003-search). Ranking is bm25 with the section title weighted above the body.
import { sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';
import { afterPosition, candidateFilters, needsSpecs, specsJoin } from './filters.js';
import { hitOf, pageOf, type HitColumns } from './hits.js';
import { sectionWrites } from './rows.js';
import { SEARCH_DEPTH, type SearchIndex, type SearchPage, type SearchQuery } from './port.js';
import { ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START } from './snippet.js';

/** bm25 column weights: section_title, body. */
const TITLE_WEIGHT = 10;
const BODY_WEIGHT = 1;
/** Up to this many sections left by metadata filters, the candidate scan checks a list of rows. */
const NARROW_FILTER_ROWS = 2000;
/** Most tokens in a snippet (FTS5 allows 1 to 64). */
const SNIPPET_TOKENS = 24;

/** Each word becomes an FTS5 string ("..."), so nothing in it is read as syntax; spaces mean AND. */
export function fts5Match(terms: readonly string[]): string {
  return terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' ');
}

interface HitRow extends HitColumns {
  id: number;
}

export const sqliteFts5: SearchIndex = {
  ...sectionWrites,

  async search(db, query): Promise<SearchPage> {
    if (query.terms.length === 0 || query.workspaceIds.length === 0) return { hits: [], next: null };
    const match = fts5Match(query.terms);
    const narrowed = await filteredSections(db, query);
    if (narrowed !== null && narrowed.length === 0) return { hits: [], next: null };
    const { rows } = await sql<HitRow>`
      with hits as (${candidates(query, match, narrowed)})
      select h.id as "id", h.score as "score", s.spec_id as "specId", p.workspace_id as "workspaceId",
        w.key || '-' || p.number as "key", p.title as "title", s.section_path as "sectionPath",
        s.section_title as "sectionTitle", p.status as "status", p.updated_at as "updatedAt"
      from hits h
      join search_sections s on s.id = h.id
      join specs p on p.id = s.spec_id
      join workspaces w on w.id = p.workspace_id
      where ${afterPosition(query.after, sql`h.score`, sql`h.id`)} and p.deleted_at is null
      order by h.score desc, h.id desc
      limit ${query.limit + 1}
    `.execute(db);
    const snippets = await snippetsFor(db, match, rows.slice(0, query.limit).map((r) => r.id));
    return pageOf(rows, query.limit, (r) => hitOf(r, r.id, snippets.get(r.id) ?? ''));
  },
};

/**
 * The ranked candidates: the most recently indexed matches (FTS5 walks rowids backwards without
 * sorting), SEARCH_DEPTH at most; only they are scored, so a word found in every section costs
 * SEARCH_DEPTH rows, not the whole index.
 */
function candidates(query: SearchQuery, match: string, narrowed: readonly number[] | null): RawBuilder<unknown> {
  const score = sql`-bm25(search_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})`;
  if (narrowed !== null) {
    // `+rowid`: a filter on the scan, not a rowid lookup, which FTS5 would answer with one full
    // query (and one bm25 set-up over the whole index) per listed row. The range, which FTS5 does
    // seek to, skips the matches before and after the listed rows.
    return sql`
      select rowid as id, ${score} as score from search_fts
      where search_fts match ${match} and rowid between ${Math.min(...narrowed)} and ${Math.max(...narrowed)}
        and +rowid in (${sql.join(narrowed)})
      order by rowid desc limit ${SEARCH_DEPTH}`;
  }
  return sql`
    select s.id as id, ${score} as score
    from search_fts
    join search_sections s on s.id = search_fts.rowid
    ${specsJoin(query)}
    where search_fts match ${match} and ${candidateFilters(query)}
    order by search_fts.rowid desc
    limit ${SEARCH_DEPTH}`;
}

/**
 * With filters on spec metadata, the sections they leave when that is a short list (null when it
 * is not, or without such filters). A narrow filter (a label, an author) would otherwise make the
 * candidate scan walk every match of a common word looking for the few that pass.
 */
async function filteredSections(db: QueryExecutorProvider, query: SearchQuery): Promise<number[] | null> {
  if (!needsSpecs(query)) return null;
  const { rows } = await sql<{ id: number }>`
    select s.id as "id" from search_sections s join specs p on p.id = s.spec_id
    where ${candidateFilters(query)}
    limit ${NARROW_FILTER_ROWS + 1}
  `.execute(db);
  return rows.length > NARROW_FILTER_ROWS ? null : rows.map((r) => r.id);
}

// snippet() only works in the statement that runs the MATCH, and computing it inside the ranking
// query would build one for every candidate: so a second MATCH restricted to the page's rows, by a
// rowid range FTS5 seeks to plus a filter (`rowid in` would run the whole query once per row).
async function snippetsFor(db: QueryExecutorProvider, match: string, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ id: number; snippet: string }>`
    select rowid as "id", snippet(search_fts, 1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ${ELLIPSIS}, ${SNIPPET_TOKENS}) as "snippet"
    from search_fts
    where search_fts match ${match} and rowid between ${Math.min(...ids)} and ${Math.max(...ids)} and +rowid in (${sql.join(ids)})
  `.execute(db);
  return new Map(rows.map((r) => [r.id, r.snippet]));
}
