import { countSeverities, reportFinding, type LintReport } from './report.js';

/** Identifies the JSON shape; bumped only on an incompatible change (see docs/cli.md). */
export const JSON_FORMAT_ID = 'specboard-lint/v1';

/**
 * The `--format json` document. Keys are always present and in a fixed order, findings are
 * sorted by position, files keep command-line order: the same input gives the same bytes.
 */
export function formatJson(report: LintReport): string {
  const counts = countSeverities(report.files);
  const doc = {
    format: JSON_FORMAT_ID,
    tool: { name: 'specboard', version: report.toolVersion },
    template: { id: report.template.id, name: report.template.name },
    summary: {
      files: report.files.length,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
      fileErrors: report.fileErrors.length,
    },
    files: report.files.map((file) => {
      const fileCounts = countSeverities([file]);
      return {
        path: file.path,
        score: file.score,
        errors: fileCounts.errors,
        warnings: fileCounts.warnings,
        infos: fileCounts.infos,
        sections: { ...file.sections },
        findings: [...file.findings]
          .sort((a, b) => a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId))
          .map(reportFinding),
      };
    }),
    fileErrors: report.fileErrors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
