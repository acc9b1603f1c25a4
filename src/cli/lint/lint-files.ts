import { lint, parse, RULES, type ResolvedLintConfig, type Template } from '../core.js';
import { CliError } from '../errors.js';
import type { InputRef } from '../files/expand-inputs.js';
import { readTextFile, readTextStream } from '../files/read-text-file.js';
import { reportFinding, type FileReport, type LintReport, type ReportFileError } from './report.js';

export interface LintFilesOptions {
  readonly inputs: readonly InputRef[];
  readonly template: Template;
  readonly config: ResolvedLintConfig;
  readonly maxBytes: number;
  readonly stdin: NodeJS.ReadableStream;
  readonly cwd: string;
  readonly version: string;
  /** Called for each file that cannot be read, as it happens. */
  readonly onFileError: (error: CliError) => void;
}

/** Reads, parses and lints each input; unreadable files become `fileErrors`, the rest are linted. */
export async function lintFiles(options: LintFilesOptions): Promise<LintReport> {
  const files: FileReport[] = [];
  const fileErrors: ReportFileError[] = [];
  for (const input of options.inputs) {
    let text: string;
    try {
      text =
        input.absolute === null
          ? await readTextStream(options.stdin, input.display, options.maxBytes)
          : await readTextFile(input.absolute, input.display, options.maxBytes);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      options.onFileError(error);
      fileErrors.push({ path: input.display, absolutePath: input.absolute, code: error.code, message: error.message });
      continue;
    }
    const result = lint(parse(text), options.template, options.config);
    files.push({
      path: input.display,
      absolutePath: input.absolute,
      score: result.score,
      sections: result.sections,
      findings: result.findings.map(reportFinding),
    });
  }
  return {
    toolVersion: options.version,
    cwd: options.cwd,
    template: { id: options.template.id, name: options.template.name },
    rules: RULES.map((rule) => ({ id: rule.id, description: rule.description, defaultSeverity: rule.defaultSeverity })),
    files,
    fileErrors,
  };
}
