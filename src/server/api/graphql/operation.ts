// A GraphQL field that mirrors one REST operation. The REST route is the single source of who
// may call it (its access rule: authentication, session-only, token scope) and of what its input
// may look like (its TypeBox schemas): GraphQL borrows both, then calls the same service function
// with the same ActorCtx, so the service's policy decides the rest exactly as for REST.
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { Compile } from 'typebox/compile';
import type { FastifyRequest, FastifySchema, FastifySchemaValidationError } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../errors/index.js';
import { scopeAllows } from '../../policies/index.js';
import type { ActorCtx } from '../../services/context.js';
import { fieldErrors } from '../problems.js';
import { metaOf } from '../request-context.js';
import { API_PREFIX, type RouteAccess, type RouteEntry } from '../route-table.js';

/** The parts of the REST request a GraphQL call stands for (checked against the route's schemas). */
export interface RestParts {
  readonly params?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: unknown;
}

export interface OperationSpec<P, A, R extends RestParts> {
  /** `Type.field` in the GraphQL schema, e.g. `Query.spec` or `Spec.lint`. */
  readonly field: string;
  /** The REST operation it mirrors, `METHOD /path` as in the route table without /api/v1. */
  readonly rest: string;
  /** The REST request this call stands for. */
  readonly request: (args: A, parent: P) => R;
  readonly run: (ctx: ActorCtx, request: R, parent: P, context: MercuriusContext) => unknown;
  /**
   * The value when the parent already holds it (read, and authorized, with the parent): no second
   * check or read. Undefined: run the operation.
   */
  readonly held?: (parent: P) => unknown;
}

/** Checks the caller and the input against the REST route, then returns the service context. */
export type Guard = (context: MercuriusContext, parts: RestParts) => ActorCtx;

/** An operation with its types erased, ready to become a resolver. */
export interface Operation {
  readonly field: string;
  readonly rest: string;
  /** The value, or a promise of it (a held value is returned as it is: no promise per field). */
  readonly resolve: (guard: Guard, parent: unknown, args: unknown, context: MercuriusContext) => unknown;
}

/** Declares a GraphQL field as the counterpart of a REST operation. */
export function operation<P, A, R extends RestParts>(spec: OperationSpec<P, A, R>): Operation {
  const call = async (guard: Guard, parent: P, args: A, context: MercuriusContext): Promise<unknown> => {
    const request = spec.request(args, parent);
    return await spec.run(guard(context, request), request, parent, context);
  };
  const held = spec.held;
  return {
    field: spec.field,
    rest: spec.rest,
    resolve:
      held === undefined
        ? (guard, parent, args, context) => call(guard, parent as P, args as A, context)
        : (guard, parent, args, context) => {
            const value = held(parent as P);
            return value !== undefined ? value : call(guard, parent as P, args as A, context);
          },
  };
}

/** Drops absent and null arguments: REST optional fields are left out, never null. */
export function given<T extends Record<string, unknown>>(args: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) if (value !== undefined && value !== null) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}

export function requestOf(context: MercuriusContext): FastifyRequest {
  return context.reply.request;
}

type Check = (value: unknown) => { error?: FastifySchemaValidationError[] | Error };

const PARTS = [
  ['params', 'params'],
  ['query', 'querystring'],
  ['body', 'body'],
] as const;

const PASSED = {};

function compile(schema: FastifySchema | undefined, httpPart: 'params' | 'querystring' | 'body', method: string, url: string): Check | null {
  const part: unknown = schema?.[httpPart];
  if (part === undefined || part === null) return null;
  const restCheck = TypeBoxValidatorCompiler({ schema: part, method, url, httpPart }) as Check;
  // A body is checked as it is (no conversion), as for REST.
  if (httpPart === 'body') return restCheck;
  // REST's params and query arrive as strings and are converted before the check; GraphQL's
  // arguments arrive typed, so they are checked as they are first and converted only when that
  // fails. Same verdicts; the conversion's generic walk cost as much as the rest of a spec field.
  const typeCheck = Compile(part as Parameters<typeof Compile>[0]);
  return (value) => (typeCheck.Check(value) ? PASSED : restCheck(value));
}

function checkAccess(request: FastifyRequest, access: RouteAccess): ActorCtx {
  const actor = request.actor;
  if (actor === null) throw new UnauthenticatedError('unauthenticated', 'Sign in or send an API token');
  if (access.auth === 'session' && actor.via !== 'session') throw new ForbiddenError('session_required', 'This needs a sign-in session, not an API token');
  if (access.auth === 'user' && !scopeAllows(actor.scopes, access.scope)) {
    throw new ForbiddenError('insufficient_scope', `This API token needs the "${access.scope}" scope`);
  }
  return { deps: request.server.deps, meta: metaOf(request), actor };
}

/**
 * The guard of one REST operation, built from its route-table entry (throws at startup when the
 * operation does not exist, so a renamed route cannot leave a GraphQL field unguarded).
 */
export function guardFor(routeTable: readonly RouteEntry[], rest: string): Guard {
  const [method = '', path = ''] = rest.split(' ');
  const url = API_PREFIX + path;
  const route = routeTable.find((r) => r.method === method && r.url === url);
  if (route === undefined) throw new Error(`GraphQL: no REST operation ${rest}`);
  const checks = PARTS.map(([key, httpPart]) => [key, httpPart, compile(route.schema, httpPart, method, url)] as const);
  return (context, parts) => {
    const ctx = checkAccess(requestOf(context), route.access);
    for (const [key, httpPart, check] of checks) {
      if (check === null) continue;
      const value = parts[key] ?? (key === 'body' ? undefined : {});
      const result = check(value);
      if (result.error === undefined) continue;
      if (result.error instanceof Error) throw result.error;
      throw new ValidationError(fieldErrors(result.error, httpPart));
    }
    return ctx;
  };
}

/** A field resolved for many parents at once (a loader): one service call per list, not per item. */
export interface BatchOperation {
  readonly field: string;
  readonly rest: string;
  readonly load: (guard: Guard, parents: readonly unknown[], context: MercuriusContext) => Promise<unknown[]>;
}

export interface BatchOperationSpec<P> {
  readonly field: string;
  readonly rest: string;
  readonly request: (parent: P) => RestParts;
  /** One answer per parent, in order. */
  readonly run: (ctx: ActorCtx, parents: readonly P[]) => Promise<unknown[]>;
}

/** Declares a batched GraphQL field as the counterpart of a REST operation. */
export function batchOperation<P>(spec: BatchOperationSpec<P>): BatchOperation {
  return {
    field: spec.field,
    rest: spec.rest,
    load: async (guard, parents, context) => {
      const typed = parents as readonly P[];
      let ctx: ActorCtx | null = null;
      for (const parent of typed) ctx = guard(context, spec.request(parent));
      return ctx === null ? [] : spec.run(ctx, typed);
    },
  };
}
