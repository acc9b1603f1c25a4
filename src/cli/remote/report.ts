// What import and export tell the user at the end: counts by outcome, then every failure with its
// code, one line each on stderr (kept even with --quiet: failures are never silent).
import type { CliContext } from '../context.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, formatCliError, oneLine } from '../errors.js';
import type { FileOutcome, Progress } from '../progress.js';
import { RemoteError } from './problem.js';

export class RunReport {
  private readonly counts = new Map<string, number>();
  readonly failures: CliError[] = [];

  constructor(private readonly progress: Progress) {}

  /** Records a finished file and shows it. */
  record(outcome: FileOutcome): void {
    this.counts.set(outcome.action, (this.counts.get(outcome.action) ?? 0) + 1);
    this.progress.finished(outcome);
  }

  /** Records a failed file; errors that doom every other file too are rethrown (the run stops). */
  fail(path: string, error: unknown): void {
    if (isFatal(error)) throw error;
    const failure = asFileError(error, path);
    this.failures.push(failure);
    this.record({ path, action: 'failed', code: failure.code });
  }

  /**
   * Prints `<verb> N files <where>: 3 created, 1 unchanged, 1 failed.` (not with --quiet) and the
   * failures; the exit code is 1 when any file failed.
   */
  finish(ctx: CliContext, verb: string, where: string, quiet: boolean): number {
    this.progress.clear();
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    if (!quiet) {
      const parts = [...this.counts.entries()].map(([action, n]) => `${n} ${action}`);
      const noun = total === 1 ? 'file' : 'files';
      ctx.io.stdout.write(`${verb} ${total} ${noun} ${where}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.\n`);
    }
    for (const failure of this.failures) ctx.io.stderr.write(`${formatCliError(failure)}\n`);
    return this.failures.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  }
}

/**
 * No answer, a bad or under-scoped token, a workspace that is gone or off limits, or a rate limit
 * that outlasted the retries: every later file would fail the same way.
 */
function isFatal(error: unknown): boolean {
  if (!(error instanceof RemoteError)) return false;
  return error.status === null || [401, 403, 404, 429].includes(error.status) || error.code === 'unexpected_response';
}

function asFileError(error: unknown, path: string): CliError {
  if (error instanceof RemoteError) return error.about(path);
  if (error instanceof CliError) return error.file === undefined ? new CliError(error.code, error.message, { file: path }) : error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('internal_error', oneLine(message), { file: path });
}
