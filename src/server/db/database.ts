import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql, type Dialect, type LogEvent, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { DialectName } from './dialect.js';
import { migrateToLatest, type MigrationSummary } from './migrate.js';
import type { DB } from './schema.js';

export interface QueryObserver {
  (event: { durationMs: number; failed: boolean; dialect: DialectName }): void;
}

/** The one database handle the server, the CLI and the tests share. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  migrate(): Promise<MigrationSummary>;
  /** Open connections to the database (SQLite: the one file handle). */
  connectionCount(): number;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  onQuery?: QueryObserver;
}

/** Opens SQLite (WAL, foreign keys, busy timeout) or a PostgreSQL pool, as the config says. */
export function openDatabase(config: DatabaseConfig, options: DatabaseOptions = {}): Database {
  const { dialect, connectionCount } = config.dialect === 'sqlite' ? sqliteDialect(config.file) : postgresDialect(config);
  const name: DialectName = config.dialect;
  const observe = options.onQuery;
  const db = new Kysely<DB>({
    dialect,
    plugins: [new CamelCasePlugin()],
    log: observe
      ? (event: LogEvent) => observe({ durationMs: event.queryDurationMillis, failed: event.level === 'error', dialect: name })
      : undefined,
  });
  let closed = false;
  return {
    db,
    dialect: name,
    async ping() {
      await sql`select 1`.execute(db);
    },
    migrate: () => migrateToLatest(db, name),
    connectionCount,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function sqliteDialect(file: string): { dialect: Dialect; connectionCount: () => number } {
  mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  return { dialect: new SqliteDialect({ database: withStatementCache(database) }), connectionCount: () => (database.open ? 1 : 0) };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and for a join SQLite's prepare costs far more than running
 * it; keeping the most recently used statements (queries are text with placeholders) removes that.
 * Kysely runs one query at a time on the connection, so a statement is never used twice at once.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement === undefined) {
        statement = database.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
        cache.set(sqlText, statement);
      }
      return statement;
    },
  };
}

function postgresDialect(config: { url: string; poolMax: number }): { dialect: Dialect; connectionCount: () => number } {
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolMax });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return { dialect: new PostgresDialect({ pool }), connectionCount: () => pool.totalCount };
}
