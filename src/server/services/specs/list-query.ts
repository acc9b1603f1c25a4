import type { Kysely, QueryCreator } from 'kysely';
import type { DB } from '../../db/index.js';
import { awaitsReviewBy, hasReviewer } from './list-filters.js';
import { SPEC_ROW_COLUMNS } from './load.js';
import { reusableQuery } from '../../db/reusable-query.js';

/**
 * The spec list's page query, compiled once per shape (which filters are present, the sort, live or
 * deleted, first page or after a cursor) and then run with each request's values. Building,
 * transforming and compiling this query with Kysely cost more CPU than PostgreSQL or SQLite take to
 * run it; a workspace's list is requested over and over in the same few shapes.
 */

export const LIST_COLUMNS = { updated: 'specs.updatedAt', number: 'specs.number', title: 'specs.title' } as const;
export type ListColumn = (typeof LIST_COLUMNS)[keyof typeof LIST_COLUMNS];

/** What decides the query's text; every other input is a parameter value. */
export interface ListShape {
  readonly column: ListColumn;
  readonly descending: boolean;
  readonly deleted: boolean;
  readonly status: boolean;
  readonly author: boolean;
  readonly reviewer: boolean;
  readonly awaitingReview: boolean;
  readonly template: boolean;
  readonly updatedAfter: boolean;
  readonly updatedBefore: boolean;
  readonly label: boolean;
  readonly cursor: boolean;
}

/** The values of one request; those the shape does not use are ignored. */
export interface ListValues {
  readonly workspaceId: string;
  readonly status: string;
  readonly author: string;
  readonly reviewer: string;
  readonly awaitingReview: string;
  readonly template: string;
  readonly updatedAfter: string;
  readonly updatedBefore: string;
  readonly label: string;
  /** The cursor's sort value (a number for the number sort). */
  readonly cursorValue: string | number;
  readonly cursorId: string;
  /** Rows to fetch: the page size + 1 (to know whether another page follows). */
  readonly fetch: number;
}

// Positional, because reusableQuery hands `build` one placeholder per argument.
type ListArgs = [
  workspaceId: string,
  status: string,
  author: string,
  reviewer: string,
  awaitingReview: string,
  template: string,
  updatedAfter: string,
  updatedBefore: string,
  label: string,
  cursorValue: string | number,
  cursorId: string,
  fetch: number,
];

function argsOf(v: ListValues): ListArgs {
  return [v.workspaceId, v.status, v.author, v.reviewer, v.awaitingReview, v.template, v.updatedAfter, v.updatedBefore, v.label, v.cursorValue, v.cursorId, v.fetch];
}

/** The page itself: the specs of one page (+1), filtered, in list order. */
function pageOf(shape: ListShape, qc: QueryCreator<DB>, ...[workspaceId, status, author, reviewer, awaitingReview, template, updatedAfter, updatedBefore, label, cursorValue, cursorId, fetch]: ListArgs) {
  const { column, descending } = shape;
  const op = descending ? '<' : '>';
  const direction = descending ? 'desc' : 'asc';
  return (
    qc
      .selectFrom('specs')
      .innerJoin('users', 'users.id', 'specs.authorId')
      .select(SPEC_ROW_COLUMNS)
      .where('specs.workspaceId', '=', workspaceId)
      .where('specs.deletedAt', shape.deleted ? 'is not' : 'is', null)
      .$if(shape.status, (q) => q.where('specs.status', '=', status))
      .$if(shape.author, (q) => q.where('specs.authorId', '=', author))
      .$if(shape.reviewer, (q) => q.where((eb) => hasReviewer(eb, reviewer)))
      .$if(shape.awaitingReview, (q) => q.where((eb) => awaitsReviewBy(eb, awaitingReview)))
      .$if(shape.template, (q) => q.where('specs.templateId', '=', template))
      .$if(shape.updatedAfter, (q) => q.where('specs.updatedAt', '>=', updatedAfter))
      .$if(shape.updatedBefore, (q) => q.where('specs.updatedAt', '<=', updatedBefore))
      .$if(shape.label, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('specLabels')
              .select('specLabels.specId')
              .whereRef('specLabels.specId', '=', 'specs.id')
              // A constant subquery: both databases look the label up once, not per row.
              .where('specLabels.labelId', '=', eb.selectFrom('labels').select('labels.id').where('labels.workspaceId', '=', workspaceId).where('labels.name', '=', label)),
          ),
        ),
      )
      .$if(shape.cursor, (q) =>
        q.where((eb) => {
          if (column === 'specs.number') return eb('specs.number', op, cursorValue as number);
          // (column, id) after the cursor, written so the column bound alone can seek the index.
          const value = cursorValue as string;
          return eb.and([eb(column, descending ? '<=' : '>=', value), eb.or([eb(column, op, value), eb('specs.id', op, cursorId)])]);
        }),
      )
      .orderBy(column, direction)
      .orderBy('specs.id', direction)
      .limit(fetch)
  );
}

function buildList(shape: ListShape) {
  const direction = shape.descending ? 'desc' : 'asc';
  const pageColumn = shape.column.replace('specs.', 'page.') as 'page.updatedAt' | 'page.number' | 'page.title';
  // The page of specs, then its labels joined to it in the same statement: one round trip to the
  // database instead of two (on PostgreSQL a round trip is a good part of a list's latency).
  return (db: Kysely<DB>, ...args: ListArgs) =>
    db
      .with('page', (qc) => pageOf(shape, qc, ...args))
      .selectFrom('page')
      .leftJoin('specLabels', 'specLabels.specId', 'page.id')
      .leftJoin('labels', 'labels.id', 'specLabels.labelId')
      .selectAll('page')
      .select('labels.name as labelName')
      .orderBy(pageColumn, direction)
      .orderBy('page.id', direction)
      .orderBy('labels.name');
}

type ListQuery = ReturnType<typeof reusableList>;
const reusableList = (shape: ListShape) => reusableQuery(buildList(shape));
const listQueries = new Map<string, ListQuery>();

/**
 * One page of specs as rows (SPEC_ROW_COLUMNS) in list order, by the query compiled for `shape`:
 * a spec with several labels is several consecutive rows (one per label name, in name order), a
 * spec without labels one row with a null labelName.
 */
export async function listPageRows(db: Kysely<DB>, shape: ListShape, values: ListValues) {
  const key = JSON.stringify(shape);
  let query = listQueries.get(key);
  if (query === undefined) {
    query = reusableList(shape);
    listQueries.set(key, query);
  }
  return (await query(db, ...argsOf(values))).rows;
}
