/** Exit codes of every command: 0 clean, 1 findings, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * An error the CLI reports as one line, `specboard: <file>: <message> (<code>)`, never with a stack.
 * `code` is a stable snake_case identifier that scripts may match on.
 */
export class CliError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly exitCode: number;

  constructor(code: string, message: string, options: { file?: string; exitCode?: number } = {}) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.file = options.file;
    this.exitCode = options.exitCode ?? EXIT_USAGE;
  }
}

/** The one-line form of a CLI error, without the final newline. */
export function formatCliError(error: CliError): string {
  const where = error.file === undefined ? '' : `${error.file}: `;
  return `specboard: ${where}${oneLine(error.message)} (${error.code})`;
}

/** Messages from the OS or from libraries may span lines; the CLI promises one line per error. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
