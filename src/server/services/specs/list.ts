import { BadRequestError, ValidationError } from '../../errors/index.js';
import { authorize, specPolicy } from '../../policies/index.js';
import { nowIso, type ActorCtx } from '../context.js';
import { specsWithOverdueReviews } from '../reviews/overdue.js';
import { pageWindow, type Page } from '../pagination.js';
import { workspaceAccess } from '../workspace-access.js';
import { LIST_COLUMNS, listPageRows } from './list-query.js';
import { summaryOf, type SpecSummary } from './views.js';

/** A spec in a list: its summary, flagged when a review of its version in review is overdue. */
export type SpecListItem = SpecSummary & { readonly overdue: boolean };

export const SPEC_SORTS = ['updated', '-updated', 'number', '-number', 'title'] as const;
export type SpecSort = (typeof SPEC_SORTS)[number];

export interface ListSpecsQuery {
  readonly status?: string | undefined;
  /** A user id. */
  readonly author?: string | undefined;
  /** A user id: a reviewer of the current version. */
  readonly reviewer?: string | undefined;
  /** A user id: their verdict on the version in review is still awaited. */
  readonly awaitingReview?: string | undefined;
  /** A label name. */
  readonly label?: string | undefined;
  /** A template id. */
  readonly template?: string | undefined;
  /** ISO 8601 date-times, inclusive. */
  readonly updatedAfter?: string | undefined;
  readonly updatedBefore?: string | undefined;
  /** Default -updated (most recently changed first). */
  readonly sort?: SpecSort | undefined;
  /** Soft-deleted specs instead of live ones (admins). */
  readonly deleted?: boolean | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** Where a page ended: the sort it belongs to, the last item's sort value and id. */
interface Position {
  readonly s: SpecSort;
  readonly v: string | number;
  readonly id: string;
}

function encodePosition(p: Position): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

function decodePosition(cursor: string, sort: SpecSort): Position {
  try {
    const p: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof p === 'object' && p !== null && 's' in p && 'v' in p && 'id' in p && p.s === sort && typeof p.id === 'string') {
      const numeric = sort === 'number' || sort === '-number';
      if (numeric ? Number.isSafeInteger(p.v) : typeof p.v === 'string') return { s: sort, v: p.v as string | number, id: p.id };
    }
  } catch {
    // reported below
  }
  throw new BadRequestError('invalid_cursor', 'The cursor is not one this server handed out for this sort order');
}

function instant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ValidationError([{ field, in: 'query', code: 'invalid_format', message: 'must be an ISO 8601 date-time' }]);
  return new Date(time).toISOString();
}

const COLUMN = LIST_COLUMNS;

/** One page of a workspace's specs, filtered and sorted, with their labels (one query for both). */
export async function listSpecs(ctx: ActorCtx, workspaceRef: string, query: ListSpecsQuery): Promise<Page<SpecListItem>> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, specPolicy.read, access);
  if (query.deleted === true) authorize(ctx.actor, specPolicy.listDeleted, access);
  const sort = query.sort ?? '-updated';
  const { limit } = pageWindow({ limit: query.limit });
  const after = query.cursor === undefined ? null : decodePosition(query.cursor, sort);
  const descending = sort.startsWith('-');
  const column = COLUMN[(descending ? sort.slice(1) : sort) as keyof typeof COLUMN];
  const updatedAfter = query.updatedAfter === undefined ? undefined : instant(query.updatedAfter, 'updatedAfter');
  const updatedBefore = query.updatedBefore === undefined ? undefined : instant(query.updatedBefore, 'updatedBefore');

  const rows = await listPageRows(
    ctx.deps.db,
    {
      column,
      descending,
      deleted: query.deleted === true,
      status: query.status !== undefined,
      author: query.author !== undefined,
      reviewer: query.reviewer !== undefined,
      awaitingReview: query.awaitingReview !== undefined,
      template: query.template !== undefined,
      updatedAfter: updatedAfter !== undefined,
      updatedBefore: updatedBefore !== undefined,
      label: query.label !== undefined,
      cursor: after !== null,
    },
    {
      workspaceId: access.workspace.id,
      status: query.status ?? '',
      author: query.author ?? '',
      reviewer: query.reviewer ?? '',
      awaitingReview: query.awaitingReview ?? '',
      template: query.template ?? '',
      updatedAfter: updatedAfter ?? '',
      updatedBefore: updatedBefore ?? '',
      label: query.label ?? '',
      cursorValue: after?.v ?? '',
      cursorId: after?.id ?? '',
      fetch: limit + 1,
    },
  );

  // One row per (spec, label): a spec's rows are consecutive, its labels in name order.
  const specs: (typeof rows)[number][] = [];
  const labels = new Map<string, string[]>();
  for (const row of rows) {
    if (specs[specs.length - 1]?.id !== row.id) {
      specs.push(row);
      labels.set(row.id, []);
    }
    if (row.labelName !== null) labels.get(row.id)?.push(row.labelName);
  }
  const page = specs.slice(0, limit);
  const overdue = await specsWithOverdueReviews(ctx.deps.db, page.filter((r) => r.status === 'in_review').map((r) => r.id), nowIso(ctx.deps));
  const items = page.map((r) => ({ ...summaryOf({ ...r, workspaceKey: access.workspace.key }, labels.get(r.id) ?? []), overdue: overdue.has(r.id) }));
  const last = page[page.length - 1];
  const nextCursor =
    specs.length > limit && last !== undefined
      ? encodePosition({ s: sort, v: column === 'specs.number' ? last.number : column === 'specs.title' ? last.title : last.updatedAt, id: last.id })
      : null;
  return { items, nextCursor };
}
