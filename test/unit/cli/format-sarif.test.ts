import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../../src/cli/lint/format-sarif.js';
import type { LintReport } from '../../../src/cli/lint/report.js';
import { sampleReport } from './sample-report.js';
import { sarifValidator } from './sarif-validator.js';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: SarifResult[];
    artifacts: { location: { uri: string; uriBaseId?: string } }[];
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string } }[] }[];
    columnKind: string;
  }[];
}

describe('SARIF output', () => {
  const validate = sarifValidator();
  const report = sampleReport('/work/project');
  const log = JSON.parse(formatSarif(report)) as SarifLog;
  const run = log.runs[0];

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is valid for a clean run with no files', () => {
    const empty: LintReport = { ...report, files: [], fileErrors: [] };
    expect(validate(JSON.parse(formatSarif(empty)))).toBe(true);
  });

  it('maps severities to SARIF levels and rules to indexes', () => {
    const byRule = new Map(run?.results.map((r) => [r.ruleId, r]));
    expect(byRule.get('required-section')?.level).toBe('error');
    expect(byRule.get('placeholder')?.level).toBe('warning');
    expect(byRule.get('style-note')?.level).toBe('note');
    for (const result of run?.results ?? []) {
      expect(run?.tool.driver.rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('gives paths under the working directory relative to SRCROOT, others as file URIs', () => {
    const uris = run?.artifacts.map((a) => a.location);
    expect(uris).toEqual([
      { uri: 'docs/payments%20retry.md', uriBaseId: 'SRCROOT' },
      { uri: 'file:///elsewhere/outside.md' },
      { uri: 'stdin' },
    ]);
  });

  it('keeps positions, with UTF-16 columns declared', () => {
    expect(run?.columnKind).toBe('utf16CodeUnits');
    const note = run?.results.find((r) => r.ruleId === 'style-note');
    expect(note?.locations[0]?.physicalLocation.region).toEqual({ startLine: 3, startColumn: 4, endLine: 5, endColumn: 2 });
  });

  it('reports files it could not read as failed execution notifications', () => {
    expect(run?.invocations[0]?.executionSuccessful).toBe(false);
    expect(run?.invocations[0]?.toolExecutionNotifications.map((n) => n.descriptor.id)).toEqual(['file_not_found']);
  });

  it('rejects a log the schema forbids (the validator is really checking)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });
});
