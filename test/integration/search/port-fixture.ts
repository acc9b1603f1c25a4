// Port-level fixture: a migrated database and specs rows written directly, so the SearchIndex
// implementations can be exercised below the HTTP layer (ranking, snippets, hostile terms). The
// HTTP suites create specs through the real API instead.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { parse } from '../../../src/core/index.js';
import { openDatabase, type Database, type DB } from '../../../src/server/db/index.js';
import { searchIndexOf, searchTerms, type SearchIndex, type SearchPage, type SearchQuery } from '../../../src/server/search/index.js';
import type { TestDatabase } from '../harness.js';

export interface PortFixture {
  readonly db: Kysely<DB>;
  readonly index: SearchIndex;
  readonly workspaceId: string;
  /** Inserts a spec row and indexes it; returns its id. */
  addSpec(markdown: string, meta?: Partial<{ title: string; status: string; updatedAt: string; workspaceId: string; authorId: string; templateId: string; labels: string[] }>): Promise<string>;
  reindex(specId: string, markdown: string): Promise<void>;
  remove(specId: string): Promise<void>;
  /** Searches the fixture's workspace for the plain words of `text`. */
  find(text: string, options?: Partial<SearchQuery>): Promise<SearchPage>;
}

export function usePortFixture(database: TestDatabase): () => PortFixture {
  let handle: Database | null = null;
  let fixture: PortFixture | null = null;
  beforeAll(async () => {
    const opened = openDatabase(database.config());
    handle = opened;
    await opened.migrate();
    const db = opened.db;
    const index = searchIndexOf(db);
    const now = new Date().toISOString();
    for (const user of ['u-port', 'u-other']) {
      await sql`insert into users (id, email, name, password_hash, created_at, updated_at) values (${user}, ${`${user}@example.com`}, 'Port', 'x', ${now}, ${now})`.execute(db);
    }
    for (const [id, key] of [['w-port', 'PORT'], ['w-other', 'OTHER']] as const) {
      await sql`insert into workspaces (id, key, name, created_at, updated_at) values (${id}, ${key}, ${key}, ${now}, ${now})`.execute(db);
    }
    let number = 0;
    const workspaceOf = new Map<string, string>();
    fixture = {
      db,
      index,
      workspaceId: 'w-port',
      async addSpec(markdown, meta = {}) {
        number += 1;
        const id = `spec-${String(number).padStart(4, '0')}`;
        const workspaceId = meta.workspaceId ?? 'w-port';
        workspaceOf.set(id, workspaceId);
        await db.transaction().execute(async (trx) => {
          await sql`
            insert into specs (id, workspace_id, number, title, status, author_id, template_id, template_version, content, revision, created_at, updated_at)
            values (${id}, ${workspaceId}, ${number}, ${meta.title ?? `Spec ${number}`}, ${meta.status ?? 'draft'}, ${meta.authorId ?? 'u-port'},
              ${meta.templateId ?? 'technical-specification'}, 1, ${markdown}, 1, ${now}, ${meta.updatedAt ?? now})
          `.execute(trx);
          for (const name of meta.labels ?? []) {
            const labelId = `${workspaceId}:${name}`;
            await sql`insert into labels (id, workspace_id, name, color, created_at) values (${labelId}, ${workspaceId}, ${name}, 'gray', ${now}) on conflict do nothing`.execute(trx);
            await sql`insert into spec_labels (spec_id, label_id) values (${id}, ${labelId})`.execute(trx);
          }
          await index.indexSpec(trx, { id, workspaceId }, parse(markdown));
        });
        return id;
      },
      async reindex(specId, markdown) {
        await db.transaction().execute((trx) => index.indexSpec(trx, { id: specId, workspaceId: workspaceOf.get(specId) ?? 'w-port' }, parse(markdown)));
      },
      async remove(specId) {
        await db.transaction().execute((trx) => index.removeSpec(trx, specId));
      },
      find(text, options = {}) {
        return index.search(db, { terms: searchTerms(text), workspaceIds: ['w-port'], limit: 20, after: null, ...options });
      },
    };
  });
  afterAll(async () => {
    await handle?.close();
  });
  return () => {
    if (fixture === null) throw new Error('usePortFixture(): call the getter inside a test');
    return fixture;
  };
}
