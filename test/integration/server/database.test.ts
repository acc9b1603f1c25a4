import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isForeignKeyViolation, isUniqueViolation, openDatabase, type Database } from '../../../src/server/db/index.js';
import { MIGRATIONS } from '../../../src/server/db/migrations/index.js';
import { describeEachDatabase } from '../harness.js';

const TABLES = [
  'instance_settings',
  'users',
  'sessions',
  'workspaces',
  'memberships',
  'invites',
  'api_tokens',
  'templates',
  'template_versions',
  'specs',
  'revisions',
  'labels',
  'spec_labels',
  'audit_events',
];

describeEachDatabase('database', (database) => {
  let db: Database;
  beforeAll(async () => {
    db = openDatabase(database.config());
    await db.migrate();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration once; a second run applies none', async () => {
    const again = await db.migrate();
    expect(again.applied).toEqual([]);
    const other = openDatabase(database.config());
    try {
      expect((await other.migrate()).applied).toEqual([]);
    } finally {
      await other.close();
    }
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.db);
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
  });

  it('creates every table', async () => {
    const tables = await db.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const table of TABLES) expect(names).toContain(table);
  });

  it('round-trips values identically (text ids, ISO timestamps, integers, unicode)', async () => {
    const now = new Date().toISOString();
    const user = { id: '01900000-0000-7000-8000-000000000001', email: 'ünï@example.com', name: 'Zoë 🚀 \u{1F600}', passwordHash: 'x', createdAt: now, updatedAt: now, disabledAt: null };
    await db.db.insertInto('users').values(user).execute();
    const back = await db.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(back).toEqual(user);
    await db.db.insertInto('workspaces').values({ id: 'ws-1', key: 'RT', name: 'RT', createdAt: now, updatedAt: now }).execute();
    const updated = await db.db
      .updateTable('workspaces')
      .set((eb) => ({ nextSpecNumber: eb('nextSpecNumber', '+', 1) }))
      .where('id', '=', 'ws-1')
      .returning('nextSpecNumber')
      .executeTakeFirstOrThrow();
    expect(updated.nextSpecNumber).toBe(2);
  });

  it('enforces unique and foreign keys, reported the same way in both dialects', async () => {
    const now = new Date().toISOString();
    const dup = db.db.insertInto('workspaces').values({ id: 'ws-2', key: 'RT', name: 'dup', createdAt: now, updatedAt: now }).execute();
    await expect(dup).rejects.toSatisfy(isUniqueViolation);
    const orphan = db.db.insertInto('memberships').values({ workspaceId: 'ws-1', userId: 'nobody', role: 'viewer', createdAt: now, updatedAt: now }).execute();
    await expect(orphan).rejects.toSatisfy(isForeignKeyViolation);
    const badRole = db.db
      .insertInto('memberships')
      .values({ workspaceId: 'ws-1', userId: '01900000-0000-7000-8000-000000000001', role: 'king' as 'owner', createdAt: now, updatedAt: now })
      .execute();
    await expect(badRole).rejects.toThrow();
  });

  it('keeps audit_events append-only at the database level', async () => {
    const now = new Date().toISOString();
    await db.db.insertInto('auditEvents').values({ id: 'a1', workspaceId: null, actorId: null, actorTokenId: null, action: 'x', targetType: 't', targetId: '1', beforeJson: null, afterJson: null, ip: null, requestId: null, createdAt: now }).execute();
    await expect(db.db.updateTable('auditEvents').set({ action: 'y' }).where('id', '=', 'a1').execute()).rejects.toThrow(/append-only/);
    await expect(db.db.deleteFrom('auditEvents').where('id', '=', 'a1').execute()).rejects.toThrow(/append-only/);
    const row = await db.db.selectFrom('auditEvents').select('action').where('id', '=', 'a1').executeTakeFirstOrThrow();
    expect(row.action).toBe('x');
  });

  it('answers ping and counts its connections', async () => {
    await db.ping();
    expect(db.connectionCount()).toBeGreaterThanOrEqual(1);
  });

  it('applies the dialect settings (SQLite: WAL, foreign keys, busy timeout)', async () => {
    if (database.dialect === 'postgres') {
      const version = await sql<{ server_version_num: string }>`show server_version_num`.execute(db.db.withoutPlugins());
      expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(130000);
      return;
    }
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.db.withoutPlugins());
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.db.withoutPlugins());
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.db.withoutPlugins());
    expect(busy.rows[0]?.timeout).toBe(5000);
  });
});
