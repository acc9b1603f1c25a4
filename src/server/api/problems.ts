// The one place where errors become RFC 9457 problem documents (application/problem+json).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { AppError, ERROR_CODES, ValidationError, type ErrorCode, type FieldError, type FieldErrorCode } from '../errors/index.js';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly instance: string;
  readonly requestId: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Stable, dereferenceable-by-convention problem type: documented in docs/errors.md under the code. */
export function problemType(code: ErrorCode): string {
  return `urn:specboard:problem:${code}`;
}

const FRAMEWORK_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
};

const STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'header_too_large',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && ('statusCode' in error || 'code' in error || 'validation' in error);
}

/** Maps anything thrown while handling a request to an AppError (unknown failures: internal_error). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!isFastifyError(error)) return new AppError('internal_error', 'Something went wrong on our side');
  if (error.validation !== undefined) {
    return new ValidationError(fieldErrors(error.validation, error.validationContext));
  }
  const mapped = FRAMEWORK_CODES[error.code];
  if (mapped !== undefined) return new AppError(mapped, frameworkDetail(mapped, error));
  // JSON.parse failures that escape the content-type parser carry a 400 but no code.
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError('invalid_json', error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new AppError(STATUS_CODES[status] ?? 'bad_request', error.message);
  return new AppError('internal_error', 'Something went wrong on our side');
}

function frameworkDetail(code: ErrorCode, error: FastifyError): string {
  if (code === 'invalid_json') return `The request body is not valid JSON: ${error.message}`;
  if (code === 'payload_too_large') return 'The request body is larger than this server accepts (BODY_LIMIT)';
  if (code === 'unsupported_media_type') return 'Send request bodies as application/json';
  return error.message;
}

export function toProblem(error: AppError, request: FastifyRequest): Problem {
  return {
    type: problemType(error.code),
    title: ERROR_CODES[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...error.extensions,
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Installs the error handler; call before registering any plugin (child scopes copy it). */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, appError.message);
    return sendProblem(reply, toProblem(appError, request));
  });
}

/** Installs the 404 handler: problem+json, unless the web client takes over non-API paths. */
export function registerNotFoundHandler(app: FastifyInstance, notFound?: (request: FastifyRequest, reply: FastifyReply) => unknown): void {
  app.setNotFoundHandler((request, reply) => {
    if (notFound !== undefined) return notFound(request, reply);
    return sendNotFound(request, reply);
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`);
  return sendProblem(reply, toProblem(error, request));
}

/** Fastify's own router errors (bad URL encoding, parameter too long) as problems. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, toProblem(toAppError(error), request));
}

// Validation errors

const KEYWORD_CODES: Readonly<Record<string, FieldErrorCode>> = {
  type: 'invalid_type',
  enum: 'invalid_value',
  const: 'invalid_value',
  format: 'invalid_format',
  pattern: 'invalid_format',
  minLength: 'too_short',
  maxLength: 'too_long',
  minimum: 'too_small',
  exclusiveMinimum: 'too_small',
  maximum: 'too_large',
  exclusiveMaximum: 'too_large',
  minItems: 'too_short',
  maxItems: 'too_many_items',
  uniqueItems: 'duplicate_item',
  minProperties: 'too_short',
  maxProperties: 'too_many_items',
};

const LOCATIONS = { body: 'body', querystring: 'query', params: 'path', headers: 'header' } as const;

function pathOf(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return parts.join('.');
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** One entry per offending field, named by its dotted path, with a stable sub-code. */
export function fieldErrors(errors: readonly FastifySchemaValidationError[], context: string | undefined): FieldError[] {
  const location = LOCATIONS[(context ?? 'body') as keyof typeof LOCATIONS] ?? 'body';
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const push = (field: string, code: FieldErrorCode, message: string): void => {
    const name = field === '' ? location : field;
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ field: name, in: location, code, message });
  };
  for (const e of errors) {
    const params = e.params;
    if (e.keyword === 'required') {
      for (const p of stringList(params.requiredProperties ?? [params.missingProperty])) push(pathOf(e.instancePath, p), 'required', 'is required');
    } else if (e.keyword === 'additionalProperties') {
      for (const p of stringList(params.additionalProperties ?? [params.additionalProperty])) {
        push(pathOf(e.instancePath, p), 'unknown_field', 'is not a known field');
      }
    } else if (e.keyword === 'boolean' && e.schemaPath.endsWith('/additionalProperties')) {
      push(pathOf(e.instancePath), 'unknown_field', 'is not a known field');
    } else if (anyOfPaths.has(e.instancePath)) {
      const allowed = errors.filter((x) => x.instancePath === e.instancePath && x.keyword === 'type').map((x) => String(x.params.type));
      push(pathOf(e.instancePath), 'invalid_type', allowed.length > 0 ? `must be ${allowed.join(' or ')}` : 'has an invalid value');
    } else {
      push(pathOf(e.instancePath), KEYWORD_CODES[e.keyword] ?? 'invalid', e.message ?? 'is invalid');
    }
  }
  return out;
}
