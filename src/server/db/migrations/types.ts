import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * One schema step for both dialects. Migrations see the database without the CamelCasePlugin,
 * so names are written as they are in SQL (snake_case). Never edit a released migration: add one.
 */
export interface SchemaMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}
