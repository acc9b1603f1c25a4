import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors/index.js';
import type { ActorCtx, PublicCtx, RequestMeta } from '../services/context.js';

declare module 'fastify' {
  interface FastifyInstance {
    readonly deps: import('../services/context.js').ServiceDeps;
    readonly appConfig: import('../config.js').Config;
  }
}

export function metaOf(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'] ?? null };
}

/** Context for a service anyone may call. */
export function publicCtx(request: FastifyRequest): PublicCtx {
  return { deps: request.server.deps, meta: metaOf(request) };
}

/** Context for a service that needs a caller; the route's access rule already required one. */
export function actorCtx(request: FastifyRequest): ActorCtx {
  if (request.actor === null) throw new UnauthenticatedError();
  return { deps: request.server.deps, meta: metaOf(request), actor: request.actor };
}
