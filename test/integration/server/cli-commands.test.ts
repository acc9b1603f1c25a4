import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../../src/server/config.js';
import { runCli } from '../../../src/cli/run.js';
import type { CliIo } from '../../../src/cli/io.js';
import { describeEachDatabase, startTestServer, type TestServer } from '../harness.js';

function databaseEnv(config: DatabaseConfig): Record<string, string> {
  return { DATABASE_URL: config.dialect === 'sqlite' ? `sqlite:${config.file}` : config.url };
}

async function run(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd: process.cwd(),
    env: { LOG_LEVEL: 'silent', ...env },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin: Readable.from([stdin]),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describeEachDatabase('server CLI commands', (database) => {
  let env: Record<string, string>;
  beforeAll(() => {
    env = databaseEnv(database.config());
  });

  it('specboard migrate applies the migrations once', async () => {
    const first = await run(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied 0001-initial/);
    const second = await run(['migrate'], env);
    expect(second.stdout).toMatch(/^Database is up to date/);
  });

  it('specboard user create makes an owner with a new workspace and closes first-run setup', async () => {
    const res = await run(['user', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--password-stdin', '--workspace', 'OPS'], env, 'a long password\n');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created user ops@example.com');
    expect(res.stdout).toContain('Created workspace OPS as owner.');
    const server: TestServer = await startTestServer(database);
    try {
      expect((await server.anonymous().get('/api/v1/setup')).body).toEqual({ needed: false });
      const client = await server.signIn('ops@example.com', 'a long password');
      const me = await client.get<{ memberships: { workspaceKey: string; role: string }[] }>('/api/v1/me');
      expect(me.body.memberships).toEqual([expect.objectContaining({ workspaceKey: 'OPS', role: 'owner' })]);
    } finally {
      await server.close();
    }
  });

  it('specboard user create adds to an existing workspace with a role (password from SPECBOARD_PASSWORD)', async () => {
    const res = await run(['user', 'create', '--email', 'ed@example.com', '--name', 'Ed', '--workspace', 'OPS', '--role', 'editor'], { ...env, SPECBOARD_PASSWORD: 'another password' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Added to workspace OPS as editor.');
  });

  it('reports bad input as one-line errors with stable codes', async () => {
    const taken = await run(['user', 'create', '--email', 'OPS@example.com', '--name', 'Again'], { ...env, SPECBOARD_PASSWORD: 'long enough pw' });
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/^specboard: .* \(email_taken\)\n$/);
    const noPassword = await run(['user', 'create', '--email', 'x@example.com', '--name', 'X'], env);
    expect(noPassword.stderr).toMatch(/\(password_required\)/);
    const badRole = await run(['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'king'], { ...env, SPECBOARD_PASSWORD: 'long enough pw' });
    expect(badRole.stderr).toMatch(/\(invalid_role\)/);
    const badConfig = await run(['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(badConfig.stderr).toMatch(/^specboard: DATABASE_URL must start with postgres:\/\/.*\(invalid_config\)\n$/);
  });
});

describeEachDatabase('specboard serve', (database) => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serves until SIGTERM, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'specboard-serve-'));
    dirs.push(dataDir);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../src/cli/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...databaseEnv(database.config()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        const parsed = JSON.parse(line) as { msg?: string; url?: string };
        if (parsed.msg === 'specboard server started' && parsed.url !== undefined) resolve(parsed.url);
      });
    });
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', database: database.dialect });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
