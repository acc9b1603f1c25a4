import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, specboard, tempDir } from './helpers.js';

/**
 * Every input the CLI must refuse with one clear line and exit 2. Each case makes a real file in
 * a temp dir; the expected code is the stable snake_case code printed in parentheses.
 */
interface FileErrorCase {
  readonly name: string;
  readonly file: string;
  readonly create: (path: string) => void;
  readonly code: string;
  /** Part of the message a person reads. */
  readonly says: RegExp;
  readonly extraArgs?: readonly string[];
}

const CASES: readonly FileErrorCase[] = [
  { name: 'a missing file', file: 'missing.md', create: () => undefined, code: 'file_not_found', says: /no such file/ },
  { name: 'a directory', file: 'folder.md', create: (p) => mkdirSync(p), code: 'is_a_directory', says: /is a directory/ },
  {
    name: 'a device (symlink to /dev/null)',
    file: 'device.md',
    create: (p) => symlinkSync('/dev/null', p),
    code: 'not_a_file',
    says: /not a regular file/,
  },
  {
    name: 'a dangling symlink',
    file: 'dangling.md',
    create: (p) => symlinkSync('nowhere.md', p),
    code: 'file_not_found',
    says: /no such file/,
  },
  {
    name: 'a binary file (PNG bytes, not UTF-8)',
    file: 'image.md',
    create: (p) => writeFileSync(p, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe])),
    code: 'invalid_utf8',
    says: /not UTF-8 text/,
  },
  {
    name: 'Latin-1 text (invalid UTF-8)',
    file: 'latin1.md',
    create: (p) => writeFileSync(p, Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')])),
    code: 'invalid_utf8',
    says: /not UTF-8 text/,
  },
  {
    name: 'UTF-8 text with NUL bytes',
    file: 'nul.md',
    create: (p) => writeFileSync(p, '# Title\n\nSome\u0000text\n'),
    code: 'nul_character',
    says: /NUL|nul/i,
  },
  {
    name: 'an encoded unpaired surrogate (CESU/WTF-8 bytes ED A0 80)',
    file: 'surrogate.md',
    create: (p) => writeFileSync(p, Buffer.concat([Buffer.from('# Title\n\nlone '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')])),
    code: 'invalid_utf8',
    says: /not UTF-8 text/,
  },
  {
    name: 'a 50 MB file (over the 10 MB default limit)',
    file: 'huge.md',
    create: (p) => {
      // Sparse: the size check happens before reading, so no 50 MB of writes are needed.
      const fd = openSync(p, 'w');
      ftruncateSync(fd, 50 * 1024 * 1024);
      closeSync(fd);
    },
    code: 'file_too_large',
    says: /50 MB, over the 10 MB limit/,
  },
  {
    name: 'a file over a --max-size limit',
    file: 'small-limit.md',
    create: (p) => writeFileSync(p, `# Title\n\n${'text '.repeat(300)}\n`),
    code: 'file_too_large',
    says: /over the 1 KB limit/,
    extraArgs: ['--max-size', '1KB'],
  },
  {
    name: 'a glob that matches nothing',
    file: 'nothing/**/*.md',
    create: () => undefined,
    code: 'no_files_matched',
    says: /no files match/,
  },
];

describe('specboard lint refuses bad files with one line and exit 2', () => {
  let dir: { path: string; cleanup: () => void };
  beforeAll(() => {
    dir = tempDir();
    for (const c of CASES) c.create(join(dir.path, c.file));
  });
  afterAll(() => dir.cleanup());

  it.each(CASES)('$name -> $code', async (c) => {
    const run = await specboard(['lint', c.file, ...(c.extraArgs ?? [])], { cwd: dir.path });
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^specboard: ${escape(c.file)}: .+ \\(${c.code}\\)$`));
    expect(lines[0]).toMatch(c.says);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('still lints the good files, reports each bad one, and exits 2', async () => {
    writeFileSync(join(dir.path, 'good.md'), '# Good\n');
    const run = await specboard(['lint', 'good.md', 'missing.md', 'nul.md', '--format', 'json'], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('specboard: missing.md: no such file (file_not_found)');
    expect(run.stderr).toMatch(/^specboard: nul\.md: .+ \(nul_character\)$/m);
    const report = JSON.parse(run.stdout) as { files: { path: string }[]; fileErrors: { path: string; code: string }[] };
    expect(report.files.map((f) => f.path)).toEqual(['good.md']);
    expect(report.fileErrors.map((e) => [e.path, e.code])).toEqual([
      ['missing.md', 'file_not_found'],
      ['nul.md', 'nul_character'],
    ]);
  });

  it('refuses a binary template file the same way', async () => {
    writeFileSync(join(dir.path, 'good2.md'), '# Good\n');
    const run = await specboard(['lint', 'good2.md', '--template', 'image.md'], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/^specboard: image\.md: .+ \(invalid_utf8\)$/);
  });

  it('refuses standard input that is not UTF-8', async () => {
    const run = await specboard(['lint', '-'], { cwd: dir.path, stdin: Buffer.from([0x23, 0x20, 0xff, 0x0a]) });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/^specboard: <stdin>: .+ \(invalid_utf8\)$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
