/**
 * What the lint command hands to its output formats: plain data, independent of how the core
 * shapes its results, so a format never needs the core and the JSON shape stays stable.
 */

export type ReportSeverity = 'error' | 'warning' | 'info';

export interface ReportFinding {
  readonly ruleId: string;
  readonly severity: ReportSeverity;
  readonly message: string;
  /** Section path the finding is in ('' for the document as a whole). */
  readonly sectionPath: string;
  /** 1-based; columns count UTF-16 code units like the core. */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  /** Exclusive: the column just past the finding. */
  readonly endColumn: number;
}

/**
 * Only the report's fields of a finding, in the order the JSON format writes them: the core's
 * findings become report findings with it, and the JSON format leaves out anything else with it.
 */
export function reportFinding(f: ReportFinding): ReportFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    sectionPath: f.sectionPath,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
}

export interface FileReport {
  /** The path as the user gave it or the glob matched it ('<stdin>' for standard input). */
  readonly path: string;
  /** Absolute path; null for standard input. */
  readonly absolutePath: string | null;
  readonly findings: readonly ReportFinding[];
  /** Completeness score, 0–100. */
  readonly score: number;
  /** Completeness per section path, 0–100. */
  readonly sections: Readonly<Record<string, number>>;
}

export interface ReportRule {
  readonly id: string;
  readonly description: string;
  readonly defaultSeverity: ReportSeverity | 'off';
}

/** A file that could not be linted (missing, binary, too large...). */
export interface ReportFileError {
  readonly path: string;
  readonly absolutePath: string | null;
  readonly code: string;
  readonly message: string;
}

export interface LintReport {
  readonly toolVersion: string;
  readonly cwd: string;
  readonly template: { readonly id: string; readonly name: string };
  readonly rules: readonly ReportRule[];
  readonly files: readonly FileReport[];
  readonly fileErrors: readonly ReportFileError[];
}

export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Counts findings by severity, across the given files. */
export function countSeverities(files: readonly FileReport[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.severity === 'error') errors += 1;
      else if (finding.severity === 'warning') warnings += 1;
      else infos += 1;
    }
  }
  return { errors, warnings, infos };
}
