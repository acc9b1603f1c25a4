import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specboard, tempDir } from './helpers.js';

describe('specboard new', () => {
  let dir: { path: string; cleanup: () => void };
  const run = (args: readonly string[]) => specboard(args, { cwd: dir.path });
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(
      join(dir.path, 'rfc.md'),
      '# RFC\n\n## Summary\n\n## Motivation\n\n---\n**Document Status**: Draft | In Review | Approved\n**Author**: \n**Last Updated**: \n',
    );
  });
  afterAll(() => dir.cleanup());

  it('prints a spec from the built-in technical specification to stdout', async () => {
    const result = await run(['new', 'Payments retry policy', '--author', 'Ada Lovelace', '--date', '2025-03-01']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('# Payments retry policy\n\n## Overview\n')).toBe(true);
    expect(result.stdout).toContain('**Author**: Ada Lovelace');
    expect(result.stdout).toContain('**Last Updated**: 2025-03-01');
    expect(result.stdout).toContain('**Document Status**: Draft');
  });

  it('fills today when no --date is given', async () => {
    const result = await run(['new', 'Dated']);
    expect(result.stdout).toMatch(/\*\*Last Updated\*\*: \d{4}-\d{2}-\d{2}/);
  });

  it('writes -o FILE, then refuses to overwrite it unless --force', async () => {
    const first = await run(['new', 'First', '-o', 'spec.md', '--date', '2025-03-01']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(readFileSync(join(dir.path, 'spec.md'), 'utf8')).toMatch(/^# First\n/);

    const second = await run(['new', 'Second', '-o', 'spec.md']);
    expect(second.code).toBe(2);
    expect(second.stderr.trimEnd()).toBe('specboard: spec.md: already exists (use --force to overwrite) (file_exists)');
    expect(readFileSync(join(dir.path, 'spec.md'), 'utf8')).toMatch(/^# First\n/);

    const forced = await run(['new', 'Third', '-o', 'spec.md', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir.path, 'spec.md'), 'utf8')).toMatch(/^# Third\n/);
  });

  it('uses a template file, keeping its bytes', async () => {
    const result = await run(['new', 'Faster builds', '--template', 'rfc.md', '--author', 'Grace', '--date', '2025-03-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '# Faster builds\n\n## Summary\n\n## Motivation\n\n---\n**Document Status**: Draft\n**Author**: Grace\n**Last Updated**: 2025-03-01\n',
    );
  });

  it('uses a template by name', async () => {
    const result = await run(['new', 'Named', '--template', 'technical-specification', '--date', '2025-03-01']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('## System Architecture');
  });

  it.each([
    [['new', 'X', '-o', 'no/such/folder/spec.md'], 'no/such/folder/spec.md: ', 'directory_not_found'],
    [['new', 'X', '-o', '.'], '.: ', 'is_a_directory'],
    [['new', 'X', '--template', 'missing.md'], 'missing.md: ', 'file_not_found'],
    [['new', 'X', '--template', 'nonesuch'], 'nonesuch: ', 'template_not_found'],
    [['new', 'X', '--date', '2025-02-30'], '', 'invalid_date'],
    [['new', '   '], '', 'invalid_title'],
  ])('%j -> exit 2 (%s%s)', async (args, file, code) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd()).toMatch(new RegExp(`^specboard: ${file.replace(/[./]/g, '\\$&')}[^\\n]+ \\(${code}\\)$`));
  });

  it('writes nothing when it refuses', async () => {
    await run(['new', 'X', '--date', 'soon', '-o', 'never.md']);
    expect(existsSync(join(dir.path, 'never.md'))).toBe(false);
  });
});
