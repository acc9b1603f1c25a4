import { ERROR_CODES, type CodeWithStatus, type ErrorCode, type FieldErrorCode } from './codes.js';

export interface FieldError {
  /** Dotted path of the offending input, e.g. "email" or "members.0.role". */
  readonly field: string;
  /** Which part of the request: body (default), query, path or header. */
  readonly in?: 'body' | 'query' | 'path' | 'header';
  readonly code: FieldErrorCode;
  readonly message: string;
}

/**
 * An expected failure of a domain operation. Services throw these; the HTTP layer turns them into
 * application/problem+json in one place (api/problems.ts) and the CLI prints them.
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    /** Extra members for the problem document (must be JSON). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    const entry = ERROR_CODES[code];
    super(detail ?? entry.title);
    this.name = 'AppError';
    this.status = entry.status;
    this.title = entry.title;
  }
}

export class BadRequestError extends AppError {
  constructor(code: CodeWithStatus<400> = 'bad_request', detail?: string) {
    super(code, detail);
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: readonly FieldError[]) {
    const first = errors[0];
    super('validation_failed', first ? `${first.field}: ${first.message}` : undefined, { errors });
  }

  static field(field: string, code: FieldErrorCode, message: string): ValidationError {
    return new ValidationError([{ field, code, message }]);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code: CodeWithStatus<401> = 'unauthenticated', detail?: string) {
    super(code, detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: CodeWithStatus<403> = 'forbidden', detail?: string) {
    super(code, detail);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super('not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(code: CodeWithStatus<409> = 'conflict', detail?: string) {
    super(code, detail);
  }
}

export class GoneError extends AppError {
  constructor(code: CodeWithStatus<410>, detail?: string) {
    super(code, detail);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail?: string, extensions: Readonly<Record<string, unknown>> = {}) {
    super('precondition_failed', detail, extensions);
  }
}

export class LockedError extends AppError {
  constructor(detail?: string) {
    super('locked', detail);
  }
}
