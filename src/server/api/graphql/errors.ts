// GraphQL errors carry the same stable codes as REST problems: `extensions.code` (docs/errors.md)
// and `extensions.status` (the HTTP status REST would have answered), plus the problem's extras.
import type { ExecutionResult, GraphQLError as GraphQLErrorType, GraphQLFormattedError } from 'graphql';
import { GraphQLError } from './graphql-module.js';
import type { MercuriusContext } from 'mercurius';
import { AppError, ERROR_CODES, isErrorCode, type ErrorCode } from '../../errors/index.js';

interface Coded {
  readonly code: ErrorCode;
  readonly message: string;
  readonly extensions: Readonly<Record<string, unknown>>;
}

// Mercurius' own failures, by its error code.
const MERCURIUS_CODES: Readonly<Record<string, ErrorCode>> = {
  MER_ERR_GQL_QUERY_DEPTH: 'query_too_deep',
  MER_ERR_METHOD_NOT_ALLOWED: 'method_not_allowed',
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: 'invalid_graphql',
  MER_ERR_GQL_VALIDATION: 'invalid_graphql',
  MER_ERR_INVALID_OPTS: 'invalid_graphql',
};

function stringProperty(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' ? found : undefined;
}

function numberProperty(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'number' ? found : undefined;
}

function classify(error: GraphQLErrorType): Coded {
  const original = error.originalError;
  if (original instanceof AppError) return { code: original.code, message: original.message, extensions: original.extensions };
  // graphql-jit's own errors (e.g. a variable it refuses) may come without extensions.
  const declared = (error.extensions as GraphQLErrorType['extensions'] | undefined)?.code;
  if (typeof declared === 'string' && isErrorCode(declared)) return { code: declared, message: error.message, extensions: error.extensions };
  if (original === undefined || original === null) return { code: 'invalid_graphql', message: error.message, extensions: {} };
  // graphql's own refusal of the request (a variable of the wrong type, cause attached): not a bug.
  if (original instanceof GraphQLError) return { code: 'invalid_graphql', message: error.message, extensions: {} };
  const mercurius = MERCURIUS_CODES[stringProperty(original, 'code') ?? ''];
  if (mercurius !== undefined) return { code: mercurius, message: original.message, extensions: {} };
  // A malformed request body (Fastify's own validation of the GraphQL envelope) and the like.
  const status = numberProperty(original, 'statusCode');
  if (status !== undefined && status >= 400 && status < 500) return { code: status === 405 ? 'method_not_allowed' : 'invalid_graphql', message: original.message, extensions: {} };
  return { code: 'internal_error', message: 'Something went wrong on our side', extensions: {} };
}

/** Mercurius wraps document validation failures (including depth) in one error with a list: one each. */
function flatten(errors: readonly GraphQLErrorType[]): GraphQLErrorType[] {
  return errors.flatMap((error) => {
    const original = error.originalError;
    if (original === undefined || stringProperty(original, 'code') !== 'MER_ERR_GQL_VALIDATION') return [error];
    const inner: unknown = (original as { errors?: unknown }).errors;
    if (!Array.isArray(inner)) return [error];
    return inner.map((e: unknown) => (e instanceof GraphQLError ? e : new GraphQLError(e instanceof Error ? e.message : String(e), { originalError: e instanceof Error ? e : null })));
  });
}

/** One error in our format. */
export function formatError(error: GraphQLErrorType): GraphQLFormattedError & { extensions: Record<string, unknown> } {
  const coded = classify(error);
  const formatted = error.toJSON();
  return {
    ...formatted,
    message: coded.message,
    extensions: { ...coded.extensions, code: coded.code, status: ERROR_CODES[coded.code].status },
  };
}

/**
 * Mercurius' errorFormatter: our codes on every error. A response with data is 200 (partial
 * failures are per field); without data, one error's status becomes the HTTP status.
 */
export function errorFormatter(execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: MercuriusContext): { statusCode: number; response: ExecutionResult } {
  const errors = flatten(execution.errors).map(formatError);
  for (const [index, error] of errors.entries()) {
    const status = Number(error.extensions.status);
    if (status >= 500) context.reply.log.error({ err: execution.errors[index] ?? execution.errors[0] }, 'graphql resolver failed');
    else context.reply.log.info({ code: error.extensions.code }, error.message);
  }
  const hasData = execution.data !== undefined && execution.data !== null;
  const only = errors.length === 1 ? Number(errors[0]?.extensions.status) : NaN;
  const statusCode = !hasData && Number.isInteger(only) ? only : 200;
  // The formatted errors are plain JSON; ExecutionResult's type wants GraphQLError instances.
  return { statusCode, response: { data: execution.data ?? null, errors: errors as unknown as GraphQLErrorType[] } };
}

/** An AppError as a GraphQL error carrying our code and status (for paths that skip errorFormatter). */
export function codedError(error: AppError): GraphQLErrorType {
  return new GraphQLError(error.message, { originalError: error, extensions: { ...error.extensions, code: error.code, status: ERROR_CODES[error.code].status } });
}
