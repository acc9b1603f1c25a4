import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sarifValidator } from '../../unit/cli/sarif-validator.js';
import { specboard, tempDir } from './helpers.js';

/** A two-section template and specs that fill it, or not, in a temp project with a git root. */
const FOOTER_BLANK = '---\n**Document Status**: Draft | In Review | Approved\n**Author**: \n**Last Updated**: \n**Reviewers**: \n**Approval Date**: \n';
const FOOTER = '---\n**Document Status**: Draft\n**Author**: Ada Lovelace\n**Last Updated**: 2025-01-31\n**Reviewers**: Grace Hopper\n**Approval Date**: \n';
const TEMPLATE = `# Small Template\n\n## Goals\n<!-- Why -->\n\n## Design\n<!-- How -->\n\n${FOOTER_BLANK}`;
const COMPLETE = `# Widget\n\n## Goals\nShip the widget to every tenant.\n\n## Design\nA queue and a worker.\n\n${FOOTER}`;
const MISSING_DESIGN = `# Widget\n\n## Goals\nShip the widget to every tenant.\n\n${FOOTER}`;

interface JsonReport {
  format: string;
  summary: { files: number; errors: number; warnings: number; infos: number; fileErrors: number };
  files: { path: string; score: number; findings: { ruleId: string; severity: string; line: number }[] }[];
}

describe('specboard lint', () => {
  let dir: { path: string; cleanup: () => void };
  let root: string;
  const run = (args: readonly string[], cwd = root, stdin?: string) => specboard(args, { cwd, stdin });

  beforeAll(() => {
    dir = tempDir();
    root = join(dir.path, 'project');
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'docs/sub'), { recursive: true });
    writeFileSync(join(root, 'small.md'), TEMPLATE);
    writeFileSync(join(root, 'complete.md'), COMPLETE);
    writeFileSync(join(root, 'missing-design.md'), MISSING_DESIGN);
    writeFileSync(join(root, 'docs/a.md'), COMPLETE);
    writeFileSync(join(root, 'docs/sub/b.md'), MISSING_DESIGN);
    writeFileSync(join(root, 'docs/notes.txt'), 'not markdown');
  });
  afterAll(() => dir.cleanup());

  it('exits 0 and reports 100% completeness for a spec that fills its template', async () => {
    const result = await run(['lint', 'complete.md', '--template', 'small.md']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Completeness (template: Small Template)');
    expect(result.stdout).toMatch(/^ 100% {2}complete\.md$/m);
  });

  it('exits 1 with ESLint-style rows when a required section is missing', async () => {
    const result = await run(['lint', 'missing-design.md', '--template', 'small.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^missing-design\.md$/m);
    expect(result.stdout).toMatch(/^ {2}\d+:\d+ +error +.+ {2}missing-section$/m);
    expect(result.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
  });

  it('uses the built-in technical specification by default', async () => {
    const spec = await run(['new', 'Payments retry policy', '--date', '2025-01-31']);
    const result = await run(['lint', '-', '--format', 'json'], root, spec.stdout);
    const report = JSON.parse(result.stdout) as JsonReport & { template: { id: string } };
    expect(report.template.id).toBe('technical-specification');
    expect(report.files[0]?.path).toBe('<stdin>');
    expect(report.files[0]?.score).toBeLessThan(100);
    expect(result.code).toBe(report.summary.errors > 0 ? 1 : 0);
  });

  it('prints the documented JSON shape', async () => {
    const result = await run(['lint', 'complete.md', 'missing-design.md', '-t', 'small.md', '-f', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.format).toBe('specboard-lint/v1');
    expect(report.files.map((f) => f.path)).toEqual(['complete.md', 'missing-design.md']);
    expect(report.summary.files).toBe(2);
    expect(report.files[1]?.findings.some((f) => f.ruleId === 'missing-section' && f.severity === 'error')).toBe(true);
  });

  it('prints SARIF 2.1.0 that the official schema accepts', async () => {
    const result = await run(['lint', 'complete.md', 'missing-design.md', 'docs/**/*.md', '-t', 'small.md', '-f', 'sarif']);
    expect(result.code).toBe(1);
    const validate = sarifValidator();
    const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.runs[0]?.results.some((r) => r.ruleId === 'missing-section')).toBe(true);
  });

  it('expands quoted globs itself, sorted, Markdown only as asked', async () => {
    const result = await run(['lint', 'docs/**/*.md', '-t', 'small.md', '-f', 'json']);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['docs/a.md', 'docs/sub/b.md']);
  });

  it('lints a file named twice (literally and by glob) once', async () => {
    const result = await run(['lint', 'docs/a.md', 'docs/*.md', '-t', 'small.md', '-f', 'json']);
    expect((JSON.parse(result.stdout) as JsonReport).files.map((f) => f.path)).toEqual(['docs/a.md']);
  });

  describe('--rule and --max-warnings', () => {
    it('--rule id=off silences a rule', async () => {
      const result = await run(['lint', 'missing-design.md', '-t', 'small.md', '--rule', 'missing-section=off', '-f', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.files[0]?.findings.some((f) => f.ruleId === 'missing-section')).toBe(false);
    });

    it('warnings alone exit 0, but 1 above --max-warnings', async () => {
      const asWarning = ['lint', 'missing-design.md', '-t', 'small.md', '--rule', 'missing-section=warning'];
      const plain = await run([...asWarning, '-f', 'json']);
      const report = JSON.parse(plain.stdout) as JsonReport;
      expect(report.summary.errors).toBe(0);
      expect(report.summary.warnings).toBeGreaterThan(0);
      expect(plain.code).toBe(0);
      const strict = await run([...asWarning, '--max-warnings', '0']);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/more than --max-warnings 0 \(too_many_warnings\)/);
      const lenient = await run([...asWarning, '--max-warnings', String(report.summary.warnings)]);
      expect(lenient.code).toBe(0);
    });

    it.each([
      ['nonexistent-rule=error', 'unknown_rule'],
      ['missing-section=loud', 'invalid_severity'],
      ['missing-section', 'invalid_rule_flag'],
    ])('--rule %s -> exit 2 (%s)', async (flag, code) => {
      const result = await run(['lint', 'complete.md', '--rule', flag]);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd()).toMatch(new RegExp(`^specboard: --rule: .+ \\(${code}\\)$`));
    });
  });

  describe('.specboard.json', () => {
    let cfgRoot: string;
    beforeAll(() => {
      // outer/.specboard.json sits above the git root (outer/repo/.git) and must not apply.
      cfgRoot = join(dir.path, 'outer');
      mkdirSync(join(cfgRoot, 'repo/.git'), { recursive: true });
      mkdirSync(join(cfgRoot, 'repo/docs/deep'), { recursive: true });
      writeFileSync(join(cfgRoot, '.specboard.json'), JSON.stringify({ rules: { 'missing-section': 'off' } }));
      writeFileSync(join(cfgRoot, 'repo/small.md'), TEMPLATE);
      writeFileSync(join(cfgRoot, 'repo/docs/deep/spec.md'), MISSING_DESIGN);
    });
    const inDeep = (args: readonly string[]) => run(['lint', 'spec.md', ...args], join(cfgRoot, 'repo/docs/deep'));

    it('is not read above the git root', async () => {
      const result = await inDeep(['-t', '../../small.md', '-f', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.files[0]?.findings.some((f) => f.ruleId === 'missing-section')).toBe(true);
      expect(result.code).toBe(1);
    });

    it('applies from the nearest parent folder, with its template relative to itself', async () => {
      writeFileSync(
        join(cfgRoot, 'repo/.specboard.json'),
        JSON.stringify({ template: 'small.md', rules: { 'missing-section': 'warning' } }),
      );
      const result = await inDeep(['-f', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport & { template: { name: string } };
      expect(report.template.name).toBe('Small Template');
      expect(report.summary.errors).toBe(0);
      expect(result.code).toBe(0);
      // A flag wins over the file.
      const flagged = await inDeep(['--rule', 'missing-section=error']);
      expect(flagged.code).toBe(1);
      // --no-config ignores it (so the default template applies, and findings are errors).
      const ignored = await inDeep(['--no-config', '-t', '../../small.md']);
      expect(ignored.code).toBe(1);
    });

    it('--config names a file explicitly', async () => {
      writeFileSync(join(cfgRoot, 'repo/strict.json'), JSON.stringify({ rules: { 'missing-section': 'off' } }));
      const result = await inDeep(['-t', '../../small.md', '--config', '../../strict.json', '-f', 'json']);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.files[0]?.findings.some((f) => f.ruleId === 'missing-section')).toBe(false);
    });

    it.each([
      ['{ not json', 'invalid_config'],
      ['[1, 2]', 'invalid_config'],
      ['{"template": 42}', 'invalid_config'],
      ['{"rules": {"no-such-rule": "error"}}', 'unknown_rule'],
      ['{"rules": {"missing-section": "fatal"}}', 'invalid_severity'],
    ])('a bad config file %s -> exit 2 (%s) naming the file', async (text, code) => {
      writeFileSync(join(cfgRoot, 'repo/bad.json'), text);
      const result = await inDeep(['--config', '../../bad.json']);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd()).toMatch(new RegExp(`^specboard: \\.\\./\\.\\./bad\\.json: .+ \\(${code}\\)$`));
    });

    it('a missing --config file -> exit 2 (file_not_found)', async () => {
      const result = await inDeep(['--config', 'nope.json']);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd()).toBe('specboard: nope.json: no such file (file_not_found)');
    });
  });

  it('writes the report to --output', async () => {
    const result = await run(['lint', 'complete.md', '-t', 'small.md', '-f', 'json', '-o', 'report.json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as JsonReport;
    expect(report.files[0]?.path).toBe('complete.md');
  });

  it('an unknown template name -> exit 2 (template_not_found)', async () => {
    const result = await run(['lint', 'complete.md', '-t', 'no-such-template']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toMatch(/^specboard: no-such-template: .+technical-specification.+ \(template_not_found\)$/);
  });
});
