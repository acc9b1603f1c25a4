export { openDatabase, type Database, type DatabaseOptions, type QueryObserver } from './database.js';
export { migrateToLatest, MigrationError, type MigrationSummary } from './migrate.js';
export { isForeignKeyViolation, isUniqueViolation } from './errors.js';
export type { DialectName } from './dialect.js';
export type * from './schema.js';
