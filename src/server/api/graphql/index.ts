// GraphQL at /graphql (Mercurius, JIT-compiled queries): the REST API's operations over the same
// services, with the same authentication, access rules, input schemas and error codes.
// See docs/graphql.md.
import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { Config } from '../../config.js';
import { checkCost } from './cost.js';
import { heldVariables, holdVariables } from './variables.js';
import { codedError, errorFormatter } from './errors.js';
import { serializeGraphqlAnswer } from './serialize.js';
import { checkSubscriptionUpgrade, subscriptionContext } from './subscription.js';
import { AppError } from '../../errors/index.js';
import { buildResolvers, graphqlTypeDefs } from './schema.js';

export const GRAPHQL_PATH = '/graphql';
/**
 * Deepest nesting a query may have. Our own types nest at most 7 levels (specs > items > threads >
 * items > suggestion > decidedBy > name); GraphiQL's introspection query needs about 13.
 */
export const MAX_DEPTH = 15;
/** Most a query may cost (see cost.ts): a page of 50 specs with 10 fields and their reviewers fits. */
export const MAX_COST = 5000;

// GraphiQL loads its scripts and styles from unpkg.com: its pages get their own policy.
const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self' https://unpkg.com",
  "style-src 'self' 'unsafe-inline' https://unpkg.com",
  "img-src 'self' data:",
  "font-src 'self' https://unpkg.com",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Mounts /graphql (and GraphiQL at /graphiql outside production). Call after the REST API. */
export async function registerGraphql(app: FastifyInstance, config: Config): Promise<void> {
  const { resolvers, loaders } = buildResolvers(app.routeTable);
  const graphiql = process.env.NODE_ENV !== 'production';
  // Its own scope: Mercurius installs its error handler (GraphQL-shaped errors) where it is registered.
  await app.register(async (scope) => {
    // Not REST operations: kept out of the OpenAPI document (the schema is docs/schema.graphql).
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
      // Mercurius gives its routes an async onRequest hook for its own CSRF prevention, which is
      // off here (csrfPrevention is not set: the authentication hook checks CSRF as for REST): a
      // hook that does nothing but costs every request a promise and a hook run.
      if (route.url === GRAPHQL_PATH) route.onRequest = undefined;
    });
    if (graphiql) {
      // A callback hook: an async one would cost every /graphql request a promise.
      scope.addHook('onRequest', (request, reply, done) => {
        if (request.url.startsWith('/graphiql')) reply.header('content-security-policy', GRAPHIQL_CSP);
        done();
      });
    }
    // A WebSocket upgrade of /graphql (subscriptions) follows the events endpoint's rules.
    scope.addHook('preHandler', (request, _reply, done) => {
      try {
        checkSubscriptionUpgrade(request);
        holdVariables(request);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
    await scope.register(mercurius, {
      schema: graphqlTypeDefs(),
      resolvers,
      loaders,
      path: GRAPHQL_PATH,
      jit: 1,
      queryDepth: MAX_DEPTH,
      errorFormatter,
      graphiql,
      // Subscriptions over WebSocket (graphql-transport-ws, or the older graphql-ws), fed by the
      // live events (src/server/events/streams.ts) rather than Mercurius' own pub/sub.
      subscription: { context: subscriptionContext },
      // Identity is resolved by the authentication hook (cookie or token; CSRF on cookie POSTs);
      // each field then applies the access rule of the REST operation it mirrors.
      additionalRouteOptions: {
        config: { access: { auth: 'public' }, rateLimit: { max: config.rateLimit.write, timeWindow: config.rateLimit.windowMs } },
        // Large strings (spec Markdown) are serialized once, not per request: see serialize.ts.
        // Fastify sends a Buffer from a serializer as it is (as REST's cached spec bodies); its types only say string.
        serializerCompiler: () => serializeGraphqlAnswer as (data: unknown) => string,
      },
    });
    scope.graphql.addHook('preExecution', (schema, document, context, variables) => {
      const held = heldVariables(context);
      checkCost(schema, document, held ?? variables, MAX_COST);
      return Promise.resolve(held === undefined ? undefined : { variables: held });
    });
    scope.graphql.addHook('preSubscriptionExecution', (schema, document) => {
      try {
        checkCost(schema, document, {}, MAX_COST);
      } catch (error) {
        // Errors here reach the client without errorFormatter: code them now.
        throw error instanceof AppError ? codedError(error) : error;
      }
      return Promise.resolve();
    });
  });
}
