import { relative, sep, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintReport, ReportSeverity } from './report.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const ROOT_ID = 'SRCROOT';

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVELS: Readonly<Record<ReportSeverity | 'off', SarifLevel>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  off: 'none',
};

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * A SARIF 2.1.0 log with one run. Paths under the working directory are relative to the
 * `SRCROOT` base (what code-scanning services expect); others are absolute file URIs. Columns are
 * UTF-16 code units, as the core counts them, and the run says so.
 */
export function formatSarif(report: LintReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const locate = (absolutePath: string | null): ArtifactLocation => artifactLocation(report.cwd, absolutePath);

  const artifacts = report.files.map((file) => ({
    location: locate(file.absolutePath),
    mimeType: 'text/markdown',
    properties: { completeness: file.score },
  }));

  const results = report.files.flatMap((file, artifactIndex) =>
    file.findings.map((finding) => {
      const index = ruleIndex.get(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...locate(file.absolutePath), index: artifactIndex },
              region: region(finding),
            },
            ...(finding.sectionPath === ''
              ? {}
              : { logicalLocations: [{ fullyQualifiedName: finding.sectionPath, kind: 'section' }] }),
          },
        ],
      };
    }),
  );

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'specboard',
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            rules: report.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity], enabled: rule.defaultSeverity !== 'off' },
            })),
          },
        },
        originalUriBaseIds: { [ROOT_ID]: { uri: directoryUri(report.cwd) } },
        invocations: [
          {
            executionSuccessful: report.fileErrors.length === 0,
            toolExecutionNotifications: report.fileErrors.map((error) => ({
              level: 'error',
              message: { text: `${error.path}: ${error.message}` },
              descriptor: { id: error.code },
              locations: [{ physicalLocation: { artifactLocation: locate(error.absolutePath) } }],
            })),
          },
        ],
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
        properties: { template: report.template },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function region(finding: { line: number; column: number; endLine: number; endColumn: number }): Record<string, number> {
  // The schema wants positive integers; a finding about the whole file may have no real end.
  const startLine = Math.max(1, finding.line);
  const out: Record<string, number> = { startLine };
  if (finding.column >= 1) out.startColumn = finding.column;
  if (finding.endLine >= startLine) {
    out.endLine = finding.endLine;
    if (finding.endColumn >= 1 && (finding.endLine > finding.line || finding.endColumn >= finding.column)) {
      out.endColumn = finding.endColumn;
    }
  }
  return out;
}

function artifactLocation(cwd: string, absolutePath: string | null): ArtifactLocation {
  if (absolutePath === null) return { uri: 'stdin' };
  const rel = relative(cwd, absolutePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolutePath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: ROOT_ID };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
