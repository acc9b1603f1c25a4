import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import type { Role, Scope } from '../db/index.js';
import type { Config } from '../config.js';

export type RateClass = 'strict' | 'write' | 'read';

/**
 * Who may call a route, declared on every /api/v1 route as `config: { access }`.
 * - public: anyone (an identity, when present, is still resolved);
 * - user: a session cookie or an API token with at least `scope`;
 * - session: a session cookie only (account security: tokens, password, sign-out everywhere).
 * `minRole` documents the least workspace role (the service's policy enforces it); the
 * authorization-matrix test reads this table, so a route without an honest row fails it.
 */
export type RouteAccess =
  | { readonly auth: 'public'; readonly rateLimit?: RateClass }
  | { readonly auth: 'user'; readonly scope: Scope; readonly minRole?: Role; readonly rateLimit?: RateClass }
  | { readonly auth: 'session'; readonly minRole?: Role; readonly rateLimit?: RateClass };

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
  /** The route's request schemas (GraphQL validates its arguments with the same ones). */
  readonly schema?: FastifySchema;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every /api/v1 route with its access rule, in registration order. */
    readonly routeTable: RouteEntry[];
  }
}

export const API_PREFIX = '/api/v1';

/** Rate class of a route: declared, or by method (reads generous, writes tighter). */
export function rateClassOf(method: string, access: RouteAccess): RateClass {
  return access.rateLimit ?? (method === 'GET' || method === 'HEAD' ? 'read' : 'write');
}

/**
 * Records each API route in app.routeTable and gives it its rate limit. Must be installed
 * before @fastify/rate-limit, whose own onRoute hook reads config.rateLimit.
 */
export function collectRouteTable(app: FastifyInstance, config: Config): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith(API_PREFIX + '/')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`Route ${String(route.method)} ${route.url} has no config.access rule`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access, ...(route.schema === undefined ? {} : { schema: route.schema }) });
    }
    const rateClass = rateClassOf(methods[0] ?? 'GET', access);
    route.config = { ...route.config, rateLimit: { max: config.rateLimit[rateClass], timeWindow: config.rateLimit.windowMs } };
  });
}
