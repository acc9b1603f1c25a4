import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/errors.js';
import { expandInputs } from '../../../src/cli/files/expand-inputs.js';

describe('expanding file arguments', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'specboard-expand-'));
    mkdirSync(join(dir, 'docs/sub'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true });
    for (const f of ['docs/b.md', 'docs/a.md', 'docs/sub/c.md', 'docs/x.txt', 'node_modules/pkg/readme.md', '[draft].md']) {
      writeFileSync(join(dir, f), '# x\n');
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const displays = async (args: string[]) => (await expandInputs(args, dir)).map((r) => r.display);

  it('expands globs, sorted, skipping node_modules', async () => {
    expect(await displays(['**/*.md'])).toEqual(['[draft].md', 'docs/a.md', 'docs/b.md', 'docs/sub/c.md']);
  });

  it('keeps argument order and drops repeats', async () => {
    expect(await displays(['docs/b.md', 'docs/*.md', 'docs/b.md'])).toEqual(['docs/b.md', 'docs/a.md']);
  });

  it('takes an existing path literally even when it looks like a glob', async () => {
    expect(await displays(['[draft].md'])).toEqual(['[draft].md']);
  });

  it('keeps a missing plain path so reading it reports file_not_found', async () => {
    const refs = await expandInputs(['missing.md'], dir);
    expect(refs).toEqual([{ display: 'missing.md', absolute: join(dir, 'missing.md') }]);
  });

  it('maps - to standard input', async () => {
    expect(await expandInputs(['-'], dir)).toEqual([{ display: '<stdin>', absolute: null }]);
  });

  it('refuses a glob that matches nothing', async () => {
    await expect(expandInputs(['none/**/*.md'], dir)).rejects.toThrow(CliError);
    await expect(expandInputs(['none/**/*.md'], dir)).rejects.toMatchObject({ code: 'no_files_matched', file: 'none/**/*.md' });
  });
});
