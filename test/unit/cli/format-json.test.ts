import { describe, expect, it } from 'vitest';
import { formatJson, JSON_FORMAT_ID } from '../../../src/cli/lint/format-json.js';
import { sampleReport } from './sample-report.js';

describe('JSON output', () => {
  const report = sampleReport('/work/project');

  it('has the documented shape (docs/cli.md), keys in a fixed order', () => {
    const doc = JSON.parse(formatJson(report)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'tool', 'template', 'summary', 'files', 'fileErrors']);
    expect(doc.format).toBe(JSON_FORMAT_ID);
    expect(doc.summary).toEqual({ files: 3, errors: 1, warnings: 1, infos: 1, fileErrors: 1 });
    const files = doc.files as { path: string; score: number; findings: { ruleId: string; line: number }[] }[];
    expect(files.map((f) => f.path)).toEqual(['docs/payments retry.md', '../outside.md', '<stdin>']);
    expect(Object.keys(files[0] ?? {})).toEqual(['path', 'score', 'errors', 'warnings', 'infos', 'sections', 'findings']);
    expect(files[0]?.findings.map((f) => [f.line, f.ruleId])).toEqual([
      [1, 'required-section'],
      [3, 'style-note'],
      [40, 'placeholder'],
    ]);
    expect(Object.keys(files[0]?.findings[0] ?? {})).toEqual([
      'ruleId', 'severity', 'message', 'sectionPath', 'line', 'column', 'endLine', 'endColumn',
    ]);
    expect(doc.fileErrors).toEqual([{ path: 'missing.md', code: 'file_not_found', message: 'no such file' }]);
  });

  it('gives the same bytes for the same report', () => {
    expect(formatJson(sampleReport('/work/project'))).toBe(formatJson(report));
  });
});
