import type { LintReport } from '../../../src/cli/lint/report.js';

/** A report with every kind of case the formats must carry: several files, severities, unicode, stdin. */
export function sampleReport(cwd: string): LintReport {
  return {
    toolVersion: '0.1.0',
    cwd,
    template: { id: 'technical-specification', name: 'Technical Specification' },
    rules: [
      { id: 'required-section', description: 'Every required template section is present.', defaultSeverity: 'error' },
      { id: 'placeholder', description: 'No template placeholder is left.', defaultSeverity: 'warning' },
      { id: 'style-note', description: 'A style hint.', defaultSeverity: 'info' },
      { id: 'disabled-rule', description: 'Off by default.', defaultSeverity: 'off' },
    ],
    files: [
      {
        path: 'docs/payments retry.md',
        absolutePath: `${cwd}/docs/payments retry.md`,
        score: 62.5,
        sections: { overview: 100, 'overview/purpose': 50 },
        findings: [
          {
            ruleId: 'placeholder',
            severity: 'warning',
            message: 'Field "Response Time" is blank',
            sectionPath: 'technical-requirements/non-functional-requirements/performance',
            line: 40,
            column: 18,
            endLine: 40,
            endColumn: 18,
          },
          {
            ruleId: 'required-section',
            severity: 'error',
            message: 'Required section "Data Design" is missing',
            sectionPath: '',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
          },
          {
            ruleId: 'style-note',
            severity: 'info',
            message: 'Überschrift „Zürich“ → 日本語 🚀',
            sectionPath: 'overview',
            line: 3,
            column: 4,
            endLine: 5,
            endColumn: 2,
          },
        ],
      },
      {
        path: '../outside.md',
        absolutePath: '/elsewhere/outside.md',
        score: 100,
        sections: {},
        findings: [],
      },
      { path: '<stdin>', absolutePath: null, score: 0, sections: {}, findings: [] },
    ],
    fileErrors: [
      { path: 'missing.md', absolutePath: `${cwd}/missing.md`, code: 'file_not_found', message: 'no such file' },
    ],
  };
}
