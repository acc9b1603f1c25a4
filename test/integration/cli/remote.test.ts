import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer } from '../harness.js';
import { hasStackTrace, REPO_ROOT, tempDir } from './helpers.js';
import { connectTo, runHere, runProcess, type Remote } from './remote-helpers.js';

/**
 * How import, export and invite find the server and report what goes wrong with it: every failure
 * is one line naming a stable code, with exit 2.
 */
const COMMANDS: readonly (readonly string[])[] = [['import', '.'], ['export', 'out'], ['invite']];

function expectOneLine(run: { code: number | null; stderr: string }, code: string, says?: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^specboard: .+ \\(${code}\\)$`));
  if (says !== undefined) expect(lines[0]).toMatch(says);
  expect(hasStackTrace(run.stderr)).toBe(false);
}

describe('server connection settings', () => {
  let dir: { path: string; cleanup: () => void };
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  it.each(COMMANDS)('%s without --server or SPECBOARD_URL exits 2 with server_required', async (...args) => {
    const run = await runHere(args, { cwd: dir.path, env: { SPECBOARD_TOKEN: 'sbt_x', SPECBOARD_WORKSPACE: 'SPEC' } });
    expectOneLine(run, 'server_required', /--server URL or set SPECBOARD_URL/);
  });

  it.each(COMMANDS)('%s without --token or SPECBOARD_TOKEN exits 2 with token_required', async (...args) => {
    const run = await runHere([...args, '--server', 'http://127.0.0.1:9'], { cwd: dir.path, env: { SPECBOARD_WORKSPACE: 'SPEC' } });
    expectOneLine(run, 'token_required', /SPECBOARD_TOKEN or pass --token/);
  });

  it.each(COMMANDS)('%s without --workspace or SPECBOARD_WORKSPACE exits 2 with workspace_required', async (...args) => {
    const run = await runHere(args, { cwd: dir.path, env: { SPECBOARD_URL: 'http://127.0.0.1:9', SPECBOARD_TOKEN: 'sbt_x' } });
    expectOneLine(run, 'workspace_required');
  });

  it('refuses a server URL that is not http(s), or that carries credentials', async () => {
    const ftp = await runHere(['invite', '--server', 'ftp://example.com', '--token', 't', '-w', 'SPEC'], { cwd: dir.path, env: {} });
    expectOneLine(ftp, 'invalid_server_url');
    const notUrl = await runHere(['invite', '--server', 'specs.example.com', '--token', 't', '-w', 'SPEC'], { cwd: dir.path, env: {} });
    expectOneLine(notUrl, 'invalid_server_url');
    const withUser = await runHere(['invite', '--server', 'https://me:secret@example.com', '--token', 't', '-w', 'SPEC'], { cwd: dir.path, env: {} });
    expectOneLine(withUser, 'invalid_server_url');
  });

  it('an unreachable server is one line, exit 2 (server_unreachable), from the real program', async () => {
    const port = await closedPort();
    const run = await runProcess(['import', '.'], { cwd: dir.path, env: { SPECBOARD_URL: `http://127.0.0.1:${port}`, SPECBOARD_TOKEN: 'sbt_x', SPECBOARD_WORKSPACE: 'SPEC' } });
    expectOneLine(run, 'server_unreachable', new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
  });

  it('start-up loads none of the server commands\' code (HTTP client, import, export) until one runs', () => {
    // A module resolve hook logs every module the program loads.
    writeFileSync(join(dir.path, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.LOAD_LOG, r.url + '\\n'); return r; }\n");
    writeFileSync(join(dir.path, 'register.mjs'), "import { register } from 'node:module';\nregister(new URL('./hooks.mjs', import.meta.url));\n");
    const log = join(dir.path, 'loaded.log');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const args = ['--import', tsx, '--import', pathToFileURL(join(dir.path, 'register.mjs')).href, join(REPO_ROOT, 'src/cli/main.ts'), '--help'];
    const run = spawnSync(process.execPath, args, { env: { ...process.env, LOAD_LOG: log }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/import \[options\] <dir>/);
    const loaded = readFileSync(log, 'utf8').split('\n').filter((url) => url.includes('/src/cli/remote/'));
    expect([...new Set(loaded.map((url) => url.replace(/^.*\/src\/cli\/remote\//, '')))].sort()).toEqual(['duration.ts', 'options.ts']);
  });

  describe('a server that is not Specboard', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createHttpServer((request, response) => {
        const status = request.url?.includes('/workspaces/BROKEN') ? 502 : 200;
        response.writeHead(status, { 'content-type': 'text/html' }).end('<html><body>Hello</body></html>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('an HTML page instead of JSON is unexpected_response; a 502 page is server_error', async () => {
      const html = await runHere(['export', 'out'], { cwd: dir.path, env: { SPECBOARD_URL: url, SPECBOARD_TOKEN: 'sbt_x', SPECBOARD_WORKSPACE: 'SPEC' } });
      expectOneLine(html, 'unexpected_response', /is --server a Specboard server/);
      const bad = await runHere(['export', 'out'], { cwd: dir.path, env: { SPECBOARD_URL: url, SPECBOARD_TOKEN: 'sbt_x', SPECBOARD_WORKSPACE: 'BROKEN' } });
      expectOneLine(bad, 'server_error', /server answered 502/);
    });
  });
});

describeEachDatabase('server answers as CLI errors', (database) => {
  const server = useTestServer(database);
  let remote: Remote;
  let dir: { path: string; cleanup: () => void };
  beforeAll(async () => {
    remote = await connectTo(server());
    dir = tempDir();
  });
  afterAll(() => dir.cleanup());

  it('a wrong token is one line naming invalid_token (401), from the real program', async () => {
    const run = await runProcess(['export', 'out'], { cwd: dir.path, env: { ...remote.env, SPECBOARD_TOKEN: 'sbt_not_a_real_token' } });
    expectOneLine(run, 'invalid_token', /server answered 401: .*unknown, expired or revoked/);
  });

  it('a token without the needed scope is one line naming insufficient_scope (403)', async () => {
    const readOnly = await server().createToken(remote.owner, ['read']);
    const run = await runHere(['invite'], { cwd: dir.path, env: { ...remote.env, SPECBOARD_TOKEN: readOnly.secret } });
    expectOneLine(run, 'insufficient_scope', /server answered 403: .*"admin" scope/);
  });

  it('a read-only token stops an import at the first write: one line naming insufficient_scope, exit 2, nothing created', async () => {
    const readOnly = await server().createToken(remote.owner, ['read']);
    const folder = tempDir();
    try {
      writeFileSync(join(folder.path, 'a.md'), '# A\n');
      writeFileSync(join(folder.path, 'b.md'), '# B\n');
      const run = await runHere(['import', '.'], { cwd: folder.path, env: { ...remote.env, SPECBOARD_TOKEN: readOnly.secret } });
      expectOneLine(run, 'insufficient_scope', /server answered 403: .*"write" scope/);
      expect(run.stdout).toBe('');
      const specs = await remote.owner.get<{ items: unknown[] }>(`/api/v1/workspaces/${remote.workspace}/specs`);
      expect(specs.body.items).toEqual([]);
    } finally {
      folder.cleanup();
    }
  });

  it('an unknown workspace is one line naming not_found (404)', async () => {
    const run = await runHere(['export', 'out', '--workspace', 'NOPE'], { cwd: dir.path, env: remote.env });
    expectOneLine(run, 'not_found', /server answered 404: Workspace not found/);
  });

  it('flags win over the environment', async () => {
    const port = await closedPort();
    const env = { SPECBOARD_URL: `http://127.0.0.1:${port}`, SPECBOARD_TOKEN: 'sbt_wrong', SPECBOARD_WORKSPACE: 'NOPE' };
    const run = await runHere(['invite', '--server', server().baseUrl, '--token', remote.env.SPECBOARD_TOKEN ?? '', '-w', remote.workspace], { cwd: dir.path, env });
    expect(run.stderr).toMatch(/^Invite to /);
    expect(run.code).toBe(0);
  });

  it('a server URL with a trailing /api/v1 is accepted', async () => {
    const run = await runHere(['invite', '--server', `${server().baseUrl}/api/v1/`], { cwd: dir.path, env: remote.env });
    expect(run.code, run.stderr).toBe(0);
  });
});

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
