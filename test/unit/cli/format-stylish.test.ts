import { describe, expect, it } from 'vitest';
import { ansi, plain } from '../../../src/cli/color.js';
import { formatStylish } from '../../../src/cli/lint/format-stylish.js';
import { sampleReport } from './sample-report.js';

describe('stylish output', () => {
  const report = sampleReport('/work/project');

  it('lists findings per file with aligned position, severity, message and rule, then a summary', () => {
    expect(formatStylish(report, plain)).toBe(
      [
        'docs/payments retry.md',
        '  1:1    error    Required section "Data Design" is missing  required-section',
        '  3:4    info     Überschrift „Zürich“ → 日本語 🚀           style-note',
        '  40:18  warning  Field "Response Time" is blank             placeholder',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
        'Completeness (template: Technical Specification)',
        '  63%  docs/payments retry.md',
        ' 100%  ../outside.md',
        '   0%  <stdin>',
        '',
      ].join('\n'),
    );
  });

  it('prints only the completeness summary when nothing is found', () => {
    const clean = { ...report, files: report.files.map((f) => ({ ...f, findings: [] })) };
    expect(formatStylish(clean, plain)).toBe(
      ['Completeness (template: Technical Specification)', '  63%  docs/payments retry.md', ' 100%  ../outside.md', '   0%  <stdin>', ''].join('\n'),
    );
  });

  it('prints nothing for no files', () => {
    expect(formatStylish({ ...report, files: [] }, plain)).toBe('');
  });

  it('colours only when asked', () => {
    expect(formatStylish(report, plain)).not.toContain('\u001b[');
    expect(formatStylish(report, ansi)).toContain('\u001b[31merror');
  });
});
