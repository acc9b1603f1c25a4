import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer } from '../harness.js';
import { hasStackTrace, tempDir } from './helpers.js';
import { connectTo, listSpecs, MANIFEST, readManifestFile, runHere, runProcess, storedBytes, writeTree, type Remote } from './remote-helpers.js';

// The import server refuses bodies over 64 KB, so one test file can be refused by the server.
const SERVER_ENV = { BODY_LIMIT: '64kb' };

describeEachDatabase('specboard import', (database) => {
  const server = useTestServer(database, { env: SERVER_ENV });
  let remote: Remote;
  let dir: { path: string; cleanup: () => void };
  beforeEach(async () => {
    remote = await connectTo(server());
    dir = tempDir('specboard-import-');
  });
  afterEach(() => dir.cleanup());

  const bytesOf = (spec: string) => storedBytes(server().baseUrl, remote.owner, remote.workspace, spec);

  it('imports every Markdown file recursively (not node_modules, dot folders or dot files), byte for byte, titled by the first H1 or the file name', async () => {
    writeTree(dir.path, {
      'intro.md': '# Introduction\n\nHello.\n',
      'guides/setup.md': 'Some text first.\n\n# Setting up\r\n\r\nCRLF body\r\n',
      'guides/deep/no-heading.md': 'No heading here, so the file name is the title.\n',
      'guides/deep/notes.txt': 'not Markdown\n',
      'node_modules/pkg/README.md': '# A dependency\n',
      '.github/PULL_REQUEST_TEMPLATE.md': '# Not a spec\n',
      '.hidden.md': '# Hidden file\n',
    });
    const run = await runProcess(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ws = remote.workspace;
    expect(run.stdout).toBe(
      [
        `created   ${ws}-1${' '.repeat(Math.max(1, 11 - `${ws}-1`.length))}guides/deep/no-heading.md`,
        `created   ${ws}-2${' '.repeat(Math.max(1, 11 - `${ws}-2`.length))}guides/setup.md`,
        `created   ${ws}-3${' '.repeat(Math.max(1, 11 - `${ws}-3`.length))}intro.md`,
        `Imported 3 files into ${ws}: 3 created.`,
        '',
      ].join('\n'),
    );
    const specs = await listSpecs(remote.owner, ws);
    expect(specs.map((s) => [s.key, s.title])).toEqual([
      [`${ws}-1`, 'no-heading'],
      [`${ws}-2`, 'Setting up'],
      [`${ws}-3`, 'Introduction'],
    ]);
    expect((await bytesOf(`${ws}-2`)).equals(readFileSync(join(dir.path, 'guides/setup.md')))).toBe(true);
    const manifest = readManifestFile(dir.path);
    expect(manifest.workspace).toBe(ws);
    expect(Object.keys(manifest.files)).toEqual(['guides/deep/no-heading.md', 'guides/setup.md', 'intro.md']);
    expect(manifest.files['intro.md']).toMatchObject({ key: `${ws}-3`, id: specs[2]?.id });
  });

  it('importing again creates no duplicates: unchanged files are left alone, changed ones become a new revision (If-Match)', async () => {
    writeTree(dir.path, { 'a.md': '# A\n\nfirst\n', 'b.md': '# B\n' });
    expect((await runHere(['import', '.'], { cwd: dir.path, env: remote.env })).code).toBe(0);
    writeFileSync(join(dir.path, 'a.md'), '# A\n\nsecond  \r\n');
    writeTree(dir.path, { 'c.md': '# C\n' });
    const again = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Imported 3 files into ${remote.workspace}: 1 updated, 1 unchanged, 1 created.`);
    const specs = await listSpecs(remote.owner, remote.workspace);
    expect(specs.map((s) => [s.title, s.revision])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 1],
    ]);
    expect((await bytesOf('1')).toString('utf8')).toBe('# A\n\nsecond  \r\n');
    const third = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(third.stdout).toContain('3 unchanged.');
    expect((await listSpecs(remote.owner, remote.workspace)).map((s) => s.revision)).toEqual([2, 1, 1]);
  });

  it('a spec edited on the server since the last import is not overwritten (etag_mismatch, exit 1); --force overwrites it', async () => {
    writeTree(dir.path, { 'a.md': '# A\n\nmine\n', 'b.md': '# B\n' });
    await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    const spec = await remote.owner.get<{ etag: string }>(`/api/v1/workspaces/${remote.workspace}/specs/1`);
    const edit = await remote.owner.request('PUT', `/api/v1/workspaces/${remote.workspace}/specs/1/content`, {
      body: { markdown: '# A\n\nedited on the web\n' },
      headers: { 'if-match': spec.body.etag },
    });
    expect(edit.status, edit.text).toBe(200);
    writeFileSync(join(dir.path, 'a.md'), '# A\n\nedited here\n');
    writeFileSync(join(dir.path, 'b.md'), '# B\n\nchanged\n');

    const refused = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^specboard: a\\.md: ${remote.workspace}-1 changed on the server since this file was last imported or exported; .+--force.+ \\(etag_mismatch\\)\\n$`));
    expect(refused.stdout).toContain('1 failed, 1 updated.');
    expect((await bytesOf('1')).toString()).toBe('# A\n\nedited on the web\n');

    const forced = await runHere(['import', '.', '--force'], { cwd: dir.path, env: remote.env });
    expect(forced.code, forced.stderr).toBe(0);
    expect((await bytesOf('1')).toString()).toBe('# A\n\nedited here\n');
    expect((await listSpecs(remote.owner, remote.workspace)).length).toBe(2);
  });

  it('a file whose spec was deleted on the server gets a new spec', async () => {
    writeTree(dir.path, { 'a.md': '# A\n' });
    await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect((await remote.owner.delete(`/api/v1/workspaces/${remote.workspace}/specs/1`)).status).toBe(204);
    const run = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`recreated ${remote.workspace}-2`);
    expect(readManifestFile(dir.path).files['a.md']?.key).toBe(`${remote.workspace}-2`);
  });

  it('names every bad file in the summary with why (invalid UTF-8, NUL, too large, server refusal), still imports the others, exits 1', async () => {
    writeTree(dir.path, {
      'good.md': '# Good\n',
      'latin1.md': Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      'nested/nul.md': '# Nul\n\nbad\u0000byte\n',
      'huge.md': `# Huge\n\n${'x'.repeat(300 * 1024)}\n`,
      'big.md': `# Big\n\n${'y'.repeat(100 * 1024)}\n`,
      'zz-last.md': '# Last\n',
    });
    const run = await runProcess(['import', '.', '--max-size', '200KB'], { cwd: dir.path, env: remote.env });
    expect(run.code).toBe(1);
    expect(hasStackTrace(run.stderr)).toBe(false);
    const failures = run.stderr.trimEnd().split('\n');
    expect(failures).toHaveLength(4);
    expect(failures[0]).toMatch(/^specboard: big\.md: server answered 413: .+ \(payload_too_large\)$/);
    expect(failures[1]).toMatch(/^specboard: huge\.md: file is .+, over the 200 KB limit .+ \(file_too_large\)$/);
    expect(failures[2]).toMatch(/^specboard: latin1\.md: not UTF-8 text .+ \(invalid_utf8\)$/);
    expect(failures[3]).toMatch(/^specboard: nested\/nul\.md: line 3, column 4: NUL character .+ \(nul_character\)$/);
    expect(run.stdout).toContain(`Imported 6 files into ${remote.workspace}: 4 failed, 2 created.`);
    expect(run.stdout).toMatch(/^failed {4}- {10}latin1\.md \(invalid_utf8\)$/m);
    expect((await listSpecs(remote.owner, remote.workspace)).map((s) => s.title)).toEqual(['Good', 'Last']);
    expect(Object.keys(readManifestFile(dir.path).files)).toEqual(['good.md', 'zz-last.md']);
  });

  it('shows a progress bar on a terminal, a line per file otherwise, and only failures with --quiet', async () => {
    writeTree(dir.path, { 'one.md': '# One\n', 'two.md': '# Two\n', 'bad.md': Buffer.from([0xff, 0x0a]) });
    const tty = await runHere(['import', '.'], { cwd: dir.path, env: remote.env, tty: 60 });
    expect(tty.code).toBe(1);
    expect(tty.stdout).toContain('\r\u001b[2K[------------------------] 0/3 bad.md');
    expect(tty.stdout).toContain('\r\u001b[2K[########################] 3/3 two.md');
    expect(tty.stdout).not.toMatch(/^created/m);
    // The bar is erased before the summary.
    expect(tty.stdout.endsWith(`\r\u001b[2KImported 3 files into ${remote.workspace}: 1 failed, 2 created.\n`)).toBe(true);

    const quiet = await runHere(['import', '.', '--quiet'], { cwd: dir.path, env: remote.env, tty: 60 });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/^specboard: bad\.md: .+ \(invalid_utf8\)\n$/);

    const lines = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(lines.stdout.split('\n').slice(0, 3)).toEqual([
      'failed    -          bad.md (invalid_utf8)',
      `unchanged ${remote.workspace}-1`.padEnd(21) + 'one.md',
      `unchanged ${remote.workspace}-2`.padEnd(21) + 'two.md',
    ]);
  });

  it('refuses a broken manifest or one of another workspace (exit 2, nothing imported)', async () => {
    writeTree(dir.path, { 'a.md': '# A\n', [MANIFEST]: '{ "version": 1, "workspace": "OTHER", "files": {} }\n' });
    const other = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(new RegExp(`^specboard: \\.specboard-import\\.json: maps these files to workspace OTHER, not ${remote.workspace}; .+ \\(manifest_workspace_mismatch\\)\\n$`));
    for (const broken of ['{ not json', '{ "version": 2, "workspace": "X", "files": {} }', JSON.stringify({ version: 1, workspace: remote.workspace, files: { '../escape.md': { key: 'K-1', id: 'x', etag: '', sha256: '0'.repeat(64) } } })]) {
      writeFileSync(join(dir.path, MANIFEST), broken);
      const run = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^specboard: \.specboard-import\.json: .+ \(invalid_manifest\)\n$/);
    }
    expect(await listSpecs(remote.owner, remote.workspace)).toEqual([]);
  });

  it('a missing folder, or a file given as the folder, is one line with exit 2; an empty folder imports nothing', async () => {
    const missing = await runHere(['import', 'nope'], { cwd: dir.path, env: remote.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('specboard: nope: no such folder (directory_not_found)\n');
    writeTree(dir.path, { 'file.md': '# F\n' });
    const file = await runHere(['import', 'file.md'], { cwd: dir.path, env: remote.env });
    expect(file.stderr).toBe('specboard: file.md: is a file, not a folder (not_a_directory)\n');
    rmSync(join(dir.path, 'file.md'));
    const empty = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(`Imported 0 files into ${remote.workspace}.\n`);
  });
});

describeEachDatabase('specboard import under a rate limit', (database) => {
  // Three writes a second: importing seven files has to wait for the window at least twice.
  const server = useTestServer(database, { env: { RATE_LIMIT_WRITE: '3', RATE_LIMIT_WINDOW_MS: '1000' } });
  let remote: Remote;
  beforeAll(async () => {
    remote = await connectTo(server());
  });

  describe('with 429 answers', () => {
    it('waits as Retry-After says and imports every file', async () => {
      const dir = tempDir('specboard-import-');
      try {
        const files: Record<string, string> = {};
        for (let i = 1; i <= 7; i++) files[`spec-${i}.md`] = `# Spec ${i}\n`;
        writeTree(dir.path, files);
        const run = await runHere(['import', '.'], { cwd: dir.path, env: remote.env });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/^The server is rate limiting; waiting \d+ s\.$/m);
        expect((await listSpecs(remote.owner, remote.workspace)).map((s) => s.title)).toEqual(Object.keys(files).map((_, i) => `Spec ${i + 1}`));
      } finally {
        dir.cleanup();
      }
    });
  });
});
