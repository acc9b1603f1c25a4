import { CliError } from '../errors.js';
import { matches, ProblemSchema, type Problem } from './schemas.js';

/**
 * A failed exchange with the server: `status` is the HTTP status, or null when no answer came
 * (unreachable, timed out). `code` is the server's problem code, or a CLI code for the latter.
 */
export class RemoteError extends CliError {
  readonly status: number | null;

  constructor(code: string, message: string, status: number | null, file?: string) {
    super(code, message, file === undefined ? {} : { file });
    this.name = 'RemoteError';
    this.status = status;
  }

  /** The same error reported against a file (import and export list failures per file). */
  about(file: string): RemoteError {
    return new RemoteError(this.code, this.message, this.status, file);
  }
}

/**
 * An error answer as one line: an RFC 9457 problem keeps the server's code and detail (and the
 * first invalid field); anything else (a proxy's HTML page) gets a code from its status.
 */
export function errorFromResponse(status: number, contentType: string | null, body: Buffer): RemoteError {
  const problem = parseProblem(contentType, body);
  if (problem !== null) {
    const field = problem.errors?.[0];
    let detail = problem.detail ?? problem.title ?? 'no detail given';
    if (field !== undefined && !detail.includes(field.field)) detail += ` (${field.field}: ${field.message})`;
    return new RemoteError(problem.code, `server answered ${status}: ${detail}`, status);
  }
  const code = status >= 500 ? 'server_error' : 'unexpected_response';
  return new RemoteError(code, `server answered ${status} without a problem document (is --server a Specboard server?)`, status);
}

function parseProblem(contentType: string | null, body: Buffer): Problem | null {
  if (contentType === null || !/json/i.test(contentType)) return null;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return matches(ProblemSchema, value) ? value : null;
  } catch {
    return null;
  }
}
