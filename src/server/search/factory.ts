import { PostgresAdapter, SqliteAdapter } from 'kysely';
import type { DialectName } from '../db/index.js';
import type { SearchIndex } from './port.js';
import { postgresTsvector } from './postgres-tsvector.js';
import { sqliteFts5 } from './sqlite-fts5.js';

/** The search index implementation for a database dialect. */
export function searchIndexFor(dialect: DialectName): SearchIndex {
  return dialect === 'sqlite' ? sqliteFts5 : postgresTsvector;
}

/**
 * The search index for whatever database this handle (or transaction) talks to, so services need
 * nothing but their Kysely handle.
 */
export function searchIndexOf(db: { getExecutor(): { readonly adapter: unknown } }): SearchIndex {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return sqliteFts5;
  if (adapter instanceof PostgresAdapter) return postgresTsvector;
  throw new Error('Search supports SQLite and PostgreSQL only');
}
