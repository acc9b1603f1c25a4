import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect.js';
import { MIGRATIONS } from './migrations/index.js';
import type { DB } from './schema.js';

export interface MigrationSummary {
  /** Names of the migrations this call applied, in order. */
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string | null,
    options: { cause: unknown },
  ) {
    super(`Database migration ${migration ?? ''} failed: ${String(options.cause)}`, options);
    this.name = 'MigrationError';
  }
}

/** Applies every pending migration (safe to call on each start; concurrent callers wait on a lock). */
export async function migrateToLatest(db: Kysely<DB>, dialect: DialectName): Promise<MigrationSummary> {
  const provider: MigrationProvider = {
    getMigrations() {
      const entries = Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
        name,
        { up: (raw) => m.up(raw, dialect) },
      ]);
      return Promise.resolve(Object.fromEntries(entries));
    },
  };
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName ?? null, { cause: error });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
