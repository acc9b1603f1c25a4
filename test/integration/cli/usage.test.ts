import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, specboard, tempDir } from './helpers.js';

/** Usage errors: exit 2, one `specboard: ... (code)` line and a hint naming the command's help. */
const USAGE_ERRORS: readonly { args: readonly string[]; code: string; hint: string }[] = [
  { args: ['lint', 'a.md', '--bogus'], code: 'unknown_option', hint: "Run 'specboard lint --help' for usage." },
  { args: ['lint', 'a.md', '--format', 'xml'], code: 'invalid_argument', hint: "Run 'specboard lint --help' for usage." },
  { args: ['lint', 'a.md', '--max-warnings', 'many'], code: 'invalid_argument', hint: "Run 'specboard lint --help' for usage." },
  { args: ['lint', 'a.md', '--max-size', '10 parsecs'], code: 'invalid_argument', hint: "Run 'specboard lint --help' for usage." },
  { args: ['lint', 'a.md', '--template'], code: 'option_missing_argument', hint: "Run 'specboard lint --help' for usage." },
  { args: ['new'], code: 'missing_argument', hint: "Run 'specboard new --help' for usage." },
  { args: ['new', 'A', 'B'], code: 'excess_arguments', hint: "Run 'specboard new --help' for usage." },
  { args: ['templates', '--nope'], code: 'unknown_option', hint: "Run 'specboard templates --help' for usage." },
  { args: ['lnt'], code: 'unknown_command', hint: "Run 'specboard --help' for usage." },
];

describe('specboard usage', () => {
  let dir: { path: string; cleanup: () => void };
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir.path, 'a.md'), '# A\n');
  });
  afterAll(() => dir.cleanup());

  it.each(USAGE_ERRORS)('$args -> exit 2 ($code)', async ({ args, code, hint }) => {
    const run = await specboard(args, { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^specboard: .+ \\(${code}\\)$`));
    expect(lines[1]).toBe(hint);
    expect(lines).toHaveLength(2);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('suggests the option meant', async () => {
    const run = await specboard(['lint', 'a.md', '--formt', 'json'], { cwd: dir.path });
    expect(run.stderr).toContain('--format');
  });

  it('lint with no files is a usage error', async () => {
    const run = await specboard(['lint'], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(/^specboard: no files given .+ \(no_files\)$/);
  });

  it('--help lists every command and exits 0', async () => {
    const run = await specboard(['--help'], { cwd: dir.path });
    expect(run.code).toBe(0);
    for (const command of ['new', 'lint', 'templates']) expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('lint --help documents its options and exits 0', async () => {
    const run = await specboard(['lint', '--help'], { cwd: dir.path });
    expect(run.code).toBe(0);
    for (const option of ['--template', '--format', '--max-warnings', '--rule', '--config', '--max-size']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('--version prints the package version', async () => {
    const run = await specboard(['--version'], { cwd: dir.path });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('no command shows help on stderr and exits 2', async () => {
    const run = await specboard([], { cwd: dir.path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: specboard');
  });
});
