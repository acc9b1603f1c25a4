// `specboard backup <file>`: an online, consistent copy of the SQLite database taken while the
// server keeps writing; PostgreSQL is pointed to pg_dump.
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/run.js';
import { describeEachDatabase, startTestServer, useTestServer } from '../harness.js';
import { createSpec, putContent } from '../specs/helpers.js';

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: process.cwd(),
    env: { LOG_LEVEL: 'silent', ...env },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from(['']),
  };
  return { code: await runCli(args, io), stdout, stderr };
}

describeEachDatabase('specboard backup', (database) => {
  const server = useTestServer(database);

  // Each dialect declares only its own case, so nothing is reported as skipped.
  const sqliteIt = database.dialect === 'sqlite' ? it : null;
  const postgresIt = database.dialect === 'postgres' ? it : null;

  sqliteIt?.('copies the SQLite database online while the server writes, consistently', async () => {
    const config = database.config();
    if (config.dialect !== 'sqlite') return;
    const env = { DATABASE_URL: `sqlite:${config.file}` };
    const owner = await server().setupOwner({ workspaceKey: 'BAK' });
    let spec = await createSpec(owner.client, 'BAK', { title: 'Backed up' });
    let stop = false;
    let writes = 0;
    const writer = (async () => {
      while (!stop) {
        const res = await putContent(owner.client, 'BAK', spec.number, `# Backed up\n\nWrite ${writes}.\n`, spec.etag);
        expect(res.status).toBe(200);
        spec = res.body;
        writes++;
      }
    })();
    await expect.poll(() => writes, { timeout: 10_000, interval: 5 }).toBeGreaterThan(5);
    const target = `${config.file}.backup`;
    const first = await cli(['backup', target], env);
    const during = writes;
    await expect.poll(() => writes, { timeout: 10_000, interval: 5 }).toBeGreaterThan(during + 5);
    stop = true;
    await writer;
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Backed up .* pages\)\.\n$/);

    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // One snapshot: the spec row and its revisions agree (no revision after the row's, none missing).
      const row = copy.prepare('select revision from specs where id = ?').get(spec.id) as { revision: number };
      const revisions = copy.prepare('select count(*) as n, max(number) as max from revisions where spec_id = ?').get(spec.id) as { n: number; max: number };
      expect(revisions).toEqual({ n: row.revision, max: row.revision });
      expect(row.revision).toBeGreaterThan(1);
      expect(row.revision).toBeLessThan(spec.revision);
    } finally {
      copy.close();
    }
    // The copy is a working database.
    const restored = await startTestServer({ dialect: 'sqlite', config: () => ({ dialect: 'sqlite', file: target }) });
    try {
      const client = await restored.signIn(owner.email, owner.password);
      expect((await client.get(`/api/v1/workspaces/BAK/specs/${spec.number}`)).status).toBe(200);
    } finally {
      await restored.close();
    }
    // Never over an existing file unless told.
    expect(await cli(['backup', target], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('(file_exists)') as string });
    expect((await cli(['backup', '--force', target], env)).code).toBe(0);
    expect(existsSync(`${target}.partial-${process.pid}`)).toBe(false);
  });

  postgresIt?.('points PostgreSQL to pg_dump', async () => {
    const config = database.config();
    if (config.dialect !== 'postgres') return;
    const res = await cli(['backup', '/tmp/never-written.db'], { DATABASE_URL: config.url });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('pg_dump');
    expect(res.stderr).toContain('(backup_unsupported)');
  });
});
