import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { choosePaint } from '../color.js';
import { loadConfig } from '../config/load-config.js';
import type { CliCommand, CliContext } from '../context.js';
import { resolveLintConfig } from '../core.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, formatCliError } from '../errors.js';
import { expandInputs } from '../files/expand-inputs.js';
import { asCliError } from '../files/read-text-file.js';
import { formatJson } from '../lint/format-json.js';
import { formatSarif } from '../lint/format-sarif.js';
import { formatStylish } from '../lint/format-stylish.js';
import { lintFiles } from '../lint/lint-files.js';
import { countSeverities, type LintReport } from '../lint/report.js';
import { collectRule, ruleFlagsToConfig } from '../lint/rule-flags.js';
import { parseNonNegativeInteger } from '../options/integer.js';
import { DEFAULT_MAX_BYTES, parseSize } from '../options/size.js';
import { resolveTemplate } from '../templates/resolve-template.js';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface LintOptions {
  template?: string;
  format: Format;
  maxWarnings?: number;
  rule: string[];
  config?: string | false;
  maxSize: number;
  output?: string;
  color?: boolean;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  register(program, ctx) {
    program
      .command('lint')
      .description('check specs against a template: missing sections, blanks, placeholders, open items')
      .argument('[files...]', 'Markdown files or globs (quoted globs are expanded here); - reads standard input')
      .option('-t, --template <file|name>', 'template name or Markdown file (default: technical-specification)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('stylish'))
      .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseNonNegativeInteger)
      .option('--rule <id=severity>', 'set a rule to error, warning, info or off (repeatable)', collectRule, [])
      .option('-c, --config <file>', 'configuration file (default: .specboard.json here or up to the git root)')
      .option('--no-config', 'ignore .specboard.json')
      .option('--max-size <size>', 'largest file to read, e.g. 512KB, 10MB', parseSize, DEFAULT_MAX_BYTES)
      .option('-o, --output <file>', 'write the report to a file instead of standard output')
      .option('--color', 'force coloured output')
      .option('--no-color', 'disable coloured output')
      .action(async (files: string[], options: LintOptions) => {
        ctx.exitWith(await runLint(files, options, ctx));
      });
  },
};

async function runLint(files: string[], options: LintOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  if (files.length === 0) {
    throw new CliError('no_files', "no files given (e.g. specboard lint 'docs/**/*.md', or - for standard input)");
  }
  const config = options.config === false ? undefined : await loadConfig(options.config, io.cwd);
  const flagLayer = ruleFlagsToConfig(options.rule);
  const resolved = resolveLintConfig(config?.lint, flagLayer);
  const template = await resolveTemplate(options.template ?? config?.template, io.cwd, options.maxSize);
  const inputs = await expandInputs(files, io.cwd);

  const report = await lintFiles({
    inputs,
    template,
    config: resolved,
    maxBytes: options.maxSize,
    stdin: io.stdin,
    cwd: io.cwd,
    version: ctx.version,
    onFileError: (error) => io.stderr.write(`${formatCliError(error)}\n`),
  });

  const toFile = options.output !== undefined;
  const text = render(report, options.format, toFile ? { isTTY: false } : io.stdout, ctx, options.color);
  if (options.output !== undefined) {
    try {
      await writeFile(resolve(io.cwd, options.output), text);
    } catch (error) {
      throw asCliError(error, options.output);
    }
  } else {
    io.stdout.write(text);
  }
  return exitCode(report, options.maxWarnings, ctx);
}

function render(
  report: LintReport,
  format: Format,
  target: { isTTY?: boolean },
  ctx: CliContext,
  color: boolean | undefined,
): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'stylish':
      return formatStylish(report, choosePaint(target, ctx.io.env, color));
  }
}

function exitCode(report: LintReport, maxWarnings: number | undefined, ctx: CliContext): number {
  if (report.fileErrors.length > 0) return EXIT_USAGE;
  const counts = countSeverities(report.files);
  if (counts.errors > 0) return EXIT_FINDINGS;
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) {
    ctx.io.stderr.write(`specboard: ${counts.warnings} warnings, more than --max-warnings ${maxWarnings} (too_many_warnings)\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
