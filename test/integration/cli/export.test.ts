import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase, useTestServer } from '../harness.js';
import { REPO_ROOT, tempDir } from './helpers.js';
import { connectTo, hashTree, listSpecs, MANIFEST, readManifestFile, runHere, runProcess, storedBytes, writeTree, type Remote } from './remote-helpers.js';

/** Markdown in every shape that tends to get "normalised" by accident. */
const VARIED: Readonly<Record<string, string | Buffer>> = {
  'crlf.md': '# CRLF line endings\r\n\r\n- one\r\n- two\r\n',
  'bom.md': '\uFEFF# Starts with a byte order mark\n\nText.\n',
  'no-final-newline.md': '# No final newline\n\nThe last line ends here',
  'trailing-spaces.md': '# Trailing spaces   \n\nhard break  \nline\t\n   \n',
  'mixed-endings.md': '# Mixed\r\nlf\ncr only\rcrlf\r\n',
  'unicode/ünïcødé 日本.md': '# Ünïcødé 日本語 🚀\n\nCafé naïve e\u0301 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 עברית العربية \u200b zero-width\n',
  'front-matter.md': '---\ntitle: "Front matter"\ntags: [a, b]\n---\n\n# Front matter spec\n\nBody.\n',
  'html.md': '<!-- leading comment -->\n<div align="center">\n  <img src="logo.png" alt="logo">\n</div>\n\n# HTML inside\n\n<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n',
  'tables-and-code.md': '# Tables\n\n| a | b |\n|---|:-:|\n| 1 | 2 \\| 3 |\n\n```js\nconst s = "\\u0000 is not a NUL here";\n```\n\n    indented code\t\n',
  'nested/a/b/c/deep.md': '# Deep\n',
  'nested/no-heading.md': 'Only a paragraph.\n',
  'empty.md': '',
  'whitespace-only.md': '  \n\t\n',
  'templates/technical-specification.md': readFileSync(join(REPO_ROOT, 'templates/technical-specification.md')),
  'examples/specboard-search.md': readFileSync(join(REPO_ROOT, 'docs/examples/specboard-search.md')),
};

describeEachDatabase('specboard export', (database) => {
  const server = useTestServer(database);
  let remote: Remote;
  let source: { path: string; cleanup: () => void };
  let target: { path: string; cleanup: () => void };
  beforeEach(async () => {
    remote = await connectTo(server());
    source = tempDir('specboard-import-');
    target = tempDir('specboard-export-');
  });
  afterEach(() => {
    source.cleanup();
    target.cleanup();
  });

  it('varied Markdown (CRLF, BOM, no final newline, trailing spaces, unicode, front matter, HTML, nested folders, the built-in template, the docs example) goes in and comes out byte-identical', async () => {
    writeTree(source.path, VARIED);
    const before = hashTree(source.path);
    expect([...before.keys()]).toHaveLength(Object.keys(VARIED).length);
    const imported = await runProcess(['import', '.'], { cwd: source.path, env: remote.env });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    const exported = await runProcess(['export', target.path, '--manifest', join(source.path, MANIFEST)], { cwd: source.path, env: remote.env });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Exported ${before.size} files from ${remote.workspace}: ${before.size} created.`);
    expect(hashTree(target.path)).toEqual(before);
    // The exported folder maps the same paths to the same specs, so it can be imported again as is.
    const sourceManifest = readManifestFile(source.path);
    const targetManifest = readManifestFile(target.path);
    expect(Object.entries(targetManifest.files).map(([path, e]) => [path, e.id, e.sha256])).toEqual(
      Object.entries(sourceManifest.files).map(([path, e]) => [path, e.id, e.sha256]),
    );

    // Exporting into the imported folder itself finds every file already current.
    const inPlace = await runHere(['export', '.'], { cwd: source.path, env: remote.env });
    expect(inPlace.code, inPlace.stderr).toBe(0);
    expect(inPlace.stdout).toContain(`${before.size} unchanged.`);
    expect(hashTree(source.path)).toEqual(before);
  });

  it('without a manifest, writes <KEY>-<slug>.md files with the stored bytes and records them', async () => {
    const ws = remote.workspace;
    for (const body of [{ title: 'Payments retry policy' }, { markdown: '# Ünïcødé 日本語, déjà vu!\r\n' }, { markdown: '# ?!?\n' }]) {
      const res = await remote.owner.post(`/api/v1/workspaces/${ws}/specs`, body);
      expect(res.status, res.text).toBe(201);
    }
    const run = await runHere(['export', 'out'], { cwd: target.path, env: remote.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(target.path, 'out');
    const names = [`${ws}-1-payments-retry-policy.md`, `${ws}-2-ünïcødé-日本語-déjà-vu.md`, `${ws}-3.md`];
    expect([...hashTree(out).keys()].sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) {
      expect(readFileSync(join(out, name)).equals(await storedBytes(server().baseUrl, remote.owner, ws, String(i + 1)))).toBe(true);
    }
    expect(Object.keys(readManifestFile(out).files).sort()).toEqual([...names].sort());
    const again = await runHere(['export', 'out'], { cwd: target.path, env: remote.env });
    expect(again.stdout.split('\n').at(-2)).toBe(`Exported 3 files from ${ws}: 3 unchanged.`);
  });

  it('after an edit on the web, exporting into the imported folder rewrites that file in place; importing again then has nothing to do', async () => {
    writeTree(source.path, { 'a.md': '# A\n\nfirst\n', 'docs/b.md': '# B\n' });
    await runHere(['import', '.'], { cwd: source.path, env: remote.env });
    const spec = await remote.owner.get<{ etag: string }>(`/api/v1/workspaces/${remote.workspace}/specs/2`);
    const edited = '# B\r\n\r\nEdited on the web.  \r\n';
    const put = await remote.owner.request('PUT', `/api/v1/workspaces/${remote.workspace}/specs/2/content`, { body: { markdown: edited }, headers: { 'if-match': spec.body.etag } });
    expect(put.status, put.text).toBe(200);

    const run = await runHere(['export', '.'], { cwd: source.path, env: remote.env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`unchanged ${remote.workspace}-1`);
    expect(run.stdout).toContain(`updated   ${remote.workspace}-2`);
    expect(readFileSync(join(source.path, 'docs/b.md'), 'utf8')).toBe(edited);
    expect(existsSync(join(source.path, `${remote.workspace}-2-b.md`))).toBe(false);

    const reimport = await runHere(['import', '.'], { cwd: source.path, env: remote.env });
    expect(reimport.stdout).toContain('2 unchanged.');
    expect((await listSpecs(remote.owner, remote.workspace)).map((s) => s.revision)).toEqual([1, 2]);
  });

  it('never overwrites a file changed locally since the last sync, or one it did not write, unless --force', async () => {
    writeTree(source.path, { 'a.md': '# A\n' });
    await runHere(['import', '.'], { cwd: source.path, env: remote.env });
    const spec = await remote.owner.get<{ etag: string }>(`/api/v1/workspaces/${remote.workspace}/specs/1`);
    await remote.owner.request('PUT', `/api/v1/workspaces/${remote.workspace}/specs/1/content`, { body: { markdown: '# A\n\nweb\n' }, headers: { 'if-match': spec.body.etag } });
    writeFileSync(join(source.path, 'a.md'), '# A\n\nlocal\n');

    const refused = await runHere(['export', '.'], { cwd: source.path, env: remote.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^specboard: a\.md: changed here since it was last imported or exported; .+--force.+ \(local_changes\)\n$/);
    expect(readFileSync(join(source.path, 'a.md'), 'utf8')).toBe('# A\n\nlocal\n');

    const unrelated = `${remote.workspace}-1-a.md`;
    writeFileSync(join(target.path, unrelated), 'my own notes\n');
    const notOurs = await runHere(['export', '.'], { cwd: target.path, env: remote.env });
    expect(notOurs.code).toBe(1);
    expect(notOurs.stderr).toMatch(new RegExp(`^specboard: ${unrelated}: exists and was not written by an import or export .+ \\(file_exists\\)\\n$`));
    expect(readFileSync(join(target.path, unrelated), 'utf8')).toBe('my own notes\n');

    expect((await runHere(['export', '.', '--force'], { cwd: source.path, env: remote.env })).code).toBe(0);
    expect(readFileSync(join(source.path, 'a.md'), 'utf8')).toBe('# A\n\nweb\n');
    expect((await runHere(['export', '.', '--force'], { cwd: target.path, env: remote.env })).code).toBe(0);
    expect(readFileSync(join(target.path, unrelated), 'utf8')).toBe('# A\n\nweb\n');
  });

  it('refuses a file as the folder, a missing --manifest, or a manifest of another workspace (exit 2)', async () => {
    writeFileSync(join(target.path, 'file.md'), '# F\n');
    const file = await runHere(['export', 'file.md'], { cwd: target.path, env: remote.env });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('specboard: file.md: is a file, not a folder (not_a_directory)\n');
    const missing = await runHere(['export', 'out', '--manifest', 'nope.json'], { cwd: target.path, env: remote.env });
    expect(missing.stderr).toBe('specboard: nope.json: no such manifest (manifest_not_found)\n');
    writeFileSync(join(target.path, MANIFEST), '{ "version": 1, "workspace": "ELSEWHERE", "files": {} }');
    const other = await runHere(['export', '.'], { cwd: target.path, env: remote.env });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/\(manifest_workspace_mismatch\)\n$/);
  });
});
