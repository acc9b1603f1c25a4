// Both dialects read the same columns for a hit and cut a page the same way; only how they find,
// rank and snippet the matching sections differs.
import type { SearchHit, SearchPage } from './port.js';
import { snippetParts } from './snippet.js';

/** The columns of a hit that both dialects select (the row id's type and the snippet vary). */
export interface HitColumns {
  score: number;
  specId: string;
  workspaceId: string;
  key: string;
  title: string;
  sectionPath: string;
  sectionTitle: string;
  status: string;
  updatedAt: string;
}

/** A hit from its columns, its search_sections row id and the dialect's marked-up snippet text. */
export function hitOf(r: HitColumns, row: number, snippet: string): SearchHit {
  return {
    specId: r.specId,
    workspaceId: r.workspaceId,
    key: r.key,
    title: r.title,
    sectionPath: r.sectionPath,
    sectionTitle: r.sectionTitle,
    snippet: snippetParts(snippet),
    score: r.score,
    status: r.status,
    updatedAt: r.updatedAt,
    position: { score: r.score, row },
  };
}

/** A page from rows fetched as limit + 1: the extra row only tells that a next page exists. */
export function pageOf<R>(rows: readonly R[], limit: number, toHit: (r: R) => SearchHit): SearchPage {
  const hits = rows.slice(0, limit).map(toHit);
  const last = hits[hits.length - 1];
  return { hits, next: rows.length > limit && last !== undefined ? last.position : null };
}
