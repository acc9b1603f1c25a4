// Who is calling, and is the call allowed to reach the route at all (authentication, token scope
// at the edge, CSRF). What they may do to a resource is decided by the service's policy.
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { ForbiddenError, UnauthenticatedError } from '../errors/index.js';
import { scopeAllows } from '../policies/index.js';
import type { Actor } from '../services/context.js';
import { authenticateSession } from '../services/sessions.js';
import { authenticateToken } from '../services/tokens.js';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller, or null. */
    actor: Actor | null;
    /** The raw session cookie value when it was valid (for sign-out). */
    sessionToken: string | null;
  }
}

export const CSRF_HEADER = 'x-specboard-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) throw new UnauthenticatedError('invalid_token', 'Use "Authorization: Bearer <token>"');
  return match[1];
}

/** The origin a browser page of this server has: PUBLIC_URL, else the request's own scheme and host. */
export function expectedOrigin(request: FastifyRequest, config: Config): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

function checkCsrf(request: FastifyRequest, config: Config, cookieAuthenticated: boolean): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  const expected = expectedOrigin(request, config);
  // A browser always sends Origin on cross-site writes: a foreign one is refused even without a cookie.
  if (origin !== undefined && origin !== expected) {
    throw new ForbiddenError('csrf_failed', `Origin ${origin} does not match ${expected}`);
  }
  if (!cookieAuthenticated) return;
  if (origin === undefined) throw new ForbiddenError('csrf_failed', 'Cookie-authenticated writes need an Origin header');
  if (request.headers[CSRF_HEADER] !== '1') {
    throw new ForbiddenError('csrf_failed', `Cookie-authenticated writes need the header ${CSRF_HEADER}: 1`);
  }
}

export function registerAuthentication(app: FastifyInstance, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const bearer = bearerOf(request);
    const cookie = bearer === null ? request.cookies[SESSION_COOKIE] : undefined;
    if (bearer !== null) {
      const actor = await authenticateToken(app.deps, bearer);
      if (actor === null) throw new UnauthenticatedError('invalid_token', 'The API token is unknown, expired or revoked');
      request.actor = actor;
    } else if (cookie !== undefined && cookie !== '') {
      request.actor = await authenticateSession(app.deps, cookie);
      if (request.actor === null) clearSessionCookie(reply, config);
      else request.sessionToken = cookie;
    }
    checkCsrf(request, config, bearer === null && cookie !== undefined && cookie !== '');

    if (access.auth === 'public') return;
    const actor = request.actor;
    if (actor === null) throw new UnauthenticatedError('unauthenticated', 'Sign in or send an API token');
    if (access.auth === 'session') {
      if (actor.via !== 'session') throw new ForbiddenError('session_required', 'This needs a sign-in session, not an API token');
      return;
    }
    if (!scopeAllows(actor.scopes, access.scope)) {
      throw new ForbiddenError('insufficient_scope', `This API token needs the "${access.scope}" scope`);
    }
  });
}
