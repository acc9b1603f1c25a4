// The search port shared with the specs service (see notes/specs-contract.md): one implementation
// per database, chosen by dialect in ./factory.ts. Callers pass already-authorized workspace ids;
// deciding who may read what is the search service's job, not the index's.
import type { Kysely, Transaction } from 'kysely';
import type { SpecDocument } from '../../core/index.js';
import type { DB } from '../db/index.js';

/** A piece of a snippet: `match` pieces are the words that matched (render them highlighted). */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

/** Where the previous page ended: rank and row of its last hit. */
export interface SearchPosition {
  readonly score: number;
  readonly row: number;
}

export interface SearchQuery {
  /** Plain words (already sanitized by searchTerms(); at least one). */
  readonly terms: readonly string[];
  /** Only specs in these workspaces (the caller's readable ones); empty finds nothing. */
  readonly workspaceIds: readonly string[];
  readonly status?: string | undefined;
  readonly authorId?: string | undefined;
  /** A label name. */
  readonly label?: string | undefined;
  readonly templateId?: string | undefined;
  /** ISO 8601 (toISOString form); inclusive bounds on specs.updated_at, as the specs list has them. */
  readonly updatedAfter?: string | undefined;
  readonly updatedBefore?: string | undefined;
  readonly limit: number;
  readonly after: SearchPosition | null;
}

/** One matching section. Higher score = better; title and heading matches weigh more. */
export interface SearchHit {
  readonly specId: string;
  readonly workspaceId: string;
  /** Workspace key and spec number, e.g. SPEC-42. */
  readonly key: string;
  readonly title: string;
  /** '' for the text before the first section (matches in the spec title land here). */
  readonly sectionPath: string;
  readonly sectionTitle: string;
  readonly snippet: SnippetPart[];
  readonly score: number;
  readonly status: string;
  readonly updatedAt: string;
  /** Keyset position of this hit (for the next page's cursor). */
  readonly position: SearchPosition;
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Position to continue after; null on the last page. */
  readonly next: SearchPosition | null;
}

export interface SearchIndex {
  /**
   * Replace all indexed sections of one spec, inside the caller's transaction. `previous`: the
   * version the index holds for this spec right now, when the caller knows it (the revision a
   * conditional update just replaced); only the sections that differ from it are then written.
   */
  indexSpec(trx: Transaction<DB>, spec: { id: string; workspaceId: string }, doc: SpecDocument, previous?: SpecDocument): Promise<void>;
  /** Drop a spec from the index (soft delete); indexSpec again on restore. */
  removeSpec(trx: Transaction<DB>, specId: string): Promise<void>;
  search(db: Kysely<DB>, query: SearchQuery): Promise<SearchPage>;
}

/**
 * Most matching sections ranked per query: the most recently indexed ones. Ranking every match of
 * a word found in nearly every section would cost time in proportion to the whole index; more
 * words or filters narrow the candidates.
 */
export const SEARCH_DEPTH = 500;
