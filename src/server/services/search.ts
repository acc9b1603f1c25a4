import { createHash } from 'node:crypto';
import { BadRequestError, ValidationError } from '../errors/index.js';
import { authorize, workspacePolicy } from '../policies/index.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, searchIndexOf, searchTerms, type SearchHit, type SearchPosition } from '../search/index.js';
import type { ActorCtx } from './context.js';
import type { Page } from './pagination.js';
import { workspaceAccess } from './workspace-access.js';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 50;

export interface SearchInput {
  readonly q: string;
  /** Workspace id or key; default: every workspace the caller belongs to. */
  readonly workspace?: string | undefined;
  readonly status?: string | undefined;
  /** User id of the spec's author. */
  readonly author?: string | undefined;
  /** Label name. */
  readonly label?: string | undefined;
  readonly template?: string | undefined;
  /** ISO 8601 date-times, inclusive: updatedAfter <= updatedAt <= updatedBefore. */
  readonly updatedAfter?: string | undefined;
  readonly updatedBefore?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** A search hit as callers see it: without the index's workspace id and keyset position. */
export type SearchResult = Omit<SearchHit, 'workspaceId' | 'position'>;

/**
 * Full-text search over the sections of the specs the caller can read: one workspace (404 unless a
 * member) or all of the caller's workspaces. Deleted specs are never found (the index drops them).
 */
export async function searchSpecs(ctx: ActorCtx, input: SearchInput): Promise<Page<SearchResult>> {
  const terms = queryTerms(input.q);
  const workspaceIds = await readableWorkspaces(ctx, input.workspace);
  const fingerprint = fingerprintOf(terms, input);
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor, fingerprint);
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_SEARCH_LIMIT, 1), MAX_SEARCH_LIMIT);
  const db = ctx.deps.db;
  const page = await searchIndexOf(db).search(db, {
    terms,
    workspaceIds,
    status: input.status,
    authorId: input.author,
    label: input.label,
    templateId: input.template,
    updatedAfter: isoOf('updatedAfter', input.updatedAfter),
    updatedBefore: isoOf('updatedBefore', input.updatedBefore),
    limit,
    after,
  });
  return {
    items: page.hits.map((h) => ({
      specId: h.specId,
      key: h.key,
      title: h.title,
      sectionPath: h.sectionPath,
      sectionTitle: h.sectionTitle,
      snippet: h.snippet,
      score: h.score,
      status: h.status,
      updatedAt: h.updatedAt,
    })),
    nextCursor: page.next === null ? null : encodeCursor(page.next, fingerprint),
  };
}

/** The query's plain words; a query without any, or too long to answer quickly, is refused. */
function queryTerms(q: string): string[] {
  if (q.length > MAX_QUERY_LENGTH) {
    throw new BadRequestError('search_query_too_long', `The query is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const terms = searchTerms(q);
  if (terms.length === 0) throw new BadRequestError('search_query_empty', 'The query has no words to search for (very common words such as "the" or "and" are ignored)');
  if (terms.length > MAX_QUERY_TERMS) {
    throw new BadRequestError('search_query_too_long', `The query has more than ${MAX_QUERY_TERMS} different words`);
  }
  return terms;
}

async function readableWorkspaces(ctx: ActorCtx, ref: string | undefined): Promise<string[]> {
  if (ref !== undefined) {
    const access = await workspaceAccess(ctx, ref);
    authorize(ctx.actor, workspacePolicy.read, access);
    return [access.workspace.id];
  }
  const rows = await ctx.deps.db.selectFrom('memberships').select('workspaceId').where('userId', '=', ctx.actor.userId).execute();
  return rows.map((r) => r.workspaceId);
}

/** Stored timestamps are toISOString() text, so bounds are compared in that same form. */
function isoOf(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ValidationError([{ field, in: 'query', code: 'invalid_format', message: 'must be an ISO 8601 date or date-time' }]);
  return new Date(time).toISOString();
}

// Cursors carry the position after the last hit and a fingerprint of the query, so a cursor cannot
// be replayed against another query (where its position would mean nothing).

function fingerprintOf(terms: readonly string[], input: SearchInput): string {
  const { q: _q, cursor: _cursor, limit: _limit, ...filters } = input;
  const canonical = JSON.stringify([terms, Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function encodeCursor(position: SearchPosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ s: position.score, r: position.row, f: fingerprint }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string): SearchPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' && parsed !== null &&
      's' in parsed && typeof parsed.s === 'number' && Number.isFinite(parsed.s) &&
      'r' in parsed && typeof parsed.r === 'number' && Number.isSafeInteger(parsed.r) &&
      'f' in parsed && parsed.f === fingerprint
    ) {
      return { score: parsed.s, row: parsed.r };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('invalid_cursor', 'The cursor is not one this server handed out for this query');
}
