import { sql, type Kysely } from 'kysely';
import { parse } from '../../../core/index.js';
import { replaceSections } from '../../search/rows.js';
import { indexedSections } from '../../search/sections.js';
import type { SchemaMigration } from './types.js';

// Full-text search, indexed per section (src/server/search). search_sections holds the indexed
// text of every section of every live spec; each dialect adds its own index on top of it:
// - SQLite: an FTS5 table with external content (the text is stored once, in search_sections),
//   kept in step by triggers, so deleting rows (also by ON DELETE CASCADE) updates the index;
// - PostgreSQL: a stored, generated tsvector column (title weight A, body D) with a GIN index.
// Both stem English words (porter / the english configuration).
export const search: SchemaMigration = {
  async up(db, dialect) {
    if (dialect === 'sqlite') await sqliteTables(db);
    else await postgresTables(db);
    await db.schema.createIndex('search_sections_spec_id').on('search_sections').column('spec_id').execute();
    // Search filters by author and template; narrow ones are answered starting from these.
    await db.schema.createIndex('specs_author_id').on('specs').column('author_id').execute();
    await db.schema.createIndex('specs_template_id').on('specs').column('template_id').execute();
    await indexExistingSpecs(db);
  },
};

async function sqliteTables(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_sections (
      id integer primary key,
      spec_id text not null references specs(id) on delete cascade,
      workspace_id text not null,
      section_path text not null,
      section_title text not null,
      body text not null
    )`.execute(db);
  await sql`
    create virtual table search_fts using fts5(
      section_title, body,
      content = 'search_sections', content_rowid = 'id',
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  await sql`
    create trigger search_sections_ai after insert on search_sections begin
      insert into search_fts (rowid, section_title, body) values (new.id, new.section_title, new.body);
    end`.execute(db);
  await sql`
    create trigger search_sections_ad after delete on search_sections begin
      insert into search_fts (search_fts, rowid, section_title, body) values ('delete', old.id, old.section_title, old.body);
    end`.execute(db);
  await sql`
    create trigger search_sections_au after update of section_title, body on search_sections begin
      insert into search_fts (search_fts, rowid, section_title, body) values ('delete', old.id, old.section_title, old.body);
      insert into search_fts (rowid, section_title, body) values (new.id, new.section_title, new.body);
    end`.execute(db);
}

async function postgresTables(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table search_sections (
      id bigint generated always as identity primary key,
      spec_id text not null references specs(id) on delete cascade,
      workspace_id text not null,
      section_path text not null,
      section_title text not null,
      body text not null,
      tsv tsvector not null generated always as (
        setweight(to_tsvector('english'::regconfig, section_title), 'A') ||
        setweight(to_tsvector('english'::regconfig, body), 'D')
      ) stored
    )`.execute(db);
  // fastupdate off: no pending list, which every search would scan until a vacuum merges it (saves
  // write only the sections that changed, so the direct index updates stay small).
  await sql`create index search_sections_tsv on search_sections using gin (tsv) with (fastupdate = off)`.execute(db);
}

/** Specs saved before this migration become searchable too (a page at a time: specs can be large). */
async function indexExistingSpecs(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; workspace_id: string; content: string }>`
      select id, workspace_id, content from specs where deleted_at is null and id > ${after} order by id limit 100
    `.execute(db);
    for (const spec of rows) {
      await replaceSections(db, { id: spec.id, workspaceId: spec.workspace_id }, indexedSections(parse(spec.content)));
    }
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    after = last.id;
  }
}
