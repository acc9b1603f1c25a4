import { readFileSync } from 'node:fs';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { registerApi } from './api/index.js';
import { registerAuthentication } from './api/authenticate.js';
import { registerGraphql } from './api/graphql/index.js';
import { frameworkErrors, registerErrorHandler, registerNotFoundHandler } from './api/problems.js';
import { collectRouteTable } from './api/route-table.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/index.js';
import { AppError } from './errors/index.js';
import { startLiveEvents, type LiveEvents } from './events/index.js';
import { whenReady } from './events/bus.js';
import { startCollab, type Collab, type CollabSettings } from './collab/index.js';
import { registerHealth } from './http/health.js';
import { AccessLog } from './http/access-log.js';
import { createMetrics, registerMetrics, type Metrics } from './http/metrics.js';
import { registerOpenApiCollector, registerOpenApiRoutes } from './http/openapi.js';
import { requestIdOf } from './http/request-id.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerStrictJsonParser } from './http/json-body.js';
import { registerTextGuard } from './http/text-guard.js';
import { registerWebApp } from './http/web-app.js';
import { systemClock, type Clock, type ServiceDeps } from './services/context.js';
import { startReminderTimer } from './services/reviews/index.js';
import { startWebhooks, type Webhooks } from './webhooks/index.js';
import './api/request-context.js';

declare module 'fastify' {
  interface FastifyInstance {
    readonly database: Database;
    readonly metrics: Metrics;
    readonly liveEvents: LiveEvents;
    readonly collab: Collab;
    readonly webhooks: Webhooks;
  }
}

export interface BuildOptions {
  /** Time source for services (tests move it forward to expire things). */
  readonly clock?: Clock;
  /** Co-editing timings (tests shorten the checkpoint debounce). */
  readonly collab?: Partial<CollabSettings>;
}

export type App = FastifyInstance;

const REMINDER_INTERVAL_MS = 5 * 60_000;

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Builds the HTTP application: opens and migrates the database, then wires logging, errors,
 * authentication, rate limits, metrics, OpenAPI, the REST API and (when built) the web client.
 * Call listen() on the result; close() finishes in-flight requests and closes the database.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const metrics = createMetrics();
  const database = openDatabase(config.database, { onQuery: metrics.observeQuery });
  try {
    await database.migrate();
  } catch (error) {
    await database.close();
    throw error;
  }

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    genReqId: requestIdOf,
    logController: new AccessLog(),
    bodyLimit: config.bodyLimit,
    trustProxy: trustProxyOption(config),
    frameworkErrors,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 500 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  registerErrorHandler(app);

  const deps: ServiceDeps = {
    db: database.db,
    clock: options.clock ?? systemClock,
    settings: { sessionTtlHours: config.sessionTtlHours, inviteTtlHours: config.inviteTtlHours, cacheTokens: config.redisUrl === null, webhooksAllowPrivate: config.webhooks.allowPrivate },
  };
  app.decorate('deps', deps);
  app.decorate('appConfig', config);
  app.decorate('database', database);
  app.decorate('metrics', metrics);
  app.addHook('onClose', () => database.close());
  // Overdue review reminders: a cheap query, so a short interval keeps them timely.
  const stopReminders = startReminderTimer(deps, REMINDER_INTERVAL_MS, (error) => app.log.warn({ err: error }, 'sending review reminders failed'));
  app.addHook('onClose', () => {
    stopReminders();
  });

  // Only JSON bodies: anything else is answered 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');
  registerStrictJsonParser(app);
  await app.register(fastifyCookie);
  // Live events (docs/events.md). Its preClose hook comes before the WebSocket plugin's, so clients
  // are told 1001 server_shutdown before the plugin closes what is left.
  const liveEvents = await startLiveEvents(config, deps, (error) => app.log.warn({ err: error }, 'live events error'));
  app.decorate('liveEvents', liveEvents);
  app.addHook('preClose', () => liveEvents.stop());
  // Co-editing (docs/collab.md): its preClose checkpoints live documents, then closes their sockets.
  const collab = startCollab(deps, database.dialect, liveEvents.feed, (error) => app.log.warn({ err: error }, 'co-editing error'), {
    recheckMs: config.events.recheckSeconds * 1000,
    redis: config.redisUrl === null ? null : { url: config.redisUrl, keyPrefix: config.redisKeyPrefix },
    ...options.collab,
  });
  app.decorate('collab', collab);
  app.addHook('preClose', () => collab.stop());
  // Webhook deliveries (docs/webhooks.md): the feed wakes them; the database is their queue.
  const webhooks = startWebhooks(config.webhooks, deps, database.dialect, liveEvents.feed, `Specboard-Webhooks/${packageVersion}`, (error) => app.log.warn({ err: error }, 'webhook delivery error'));
  app.decorate('webhooks', webhooks);
  app.addHook('preClose', () => webhooks.stop());
  // Before authentication: its onRequest hook marks upgrade requests, so a refused upgrade's socket is closed.
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  collectRouteTable(app, config);
  const rateLimitRedis = await registerRateLimit(app, config);
  registerAuthentication(app, config);
  registerTextGuard(app);
  registerSecurityHeaders(app);
  registerMetrics(app, metrics, database, config);
  // Redis down is "degraded", not "not ready": every node still serves from the database.
  registerHealth(app, database, config.redisUrl === null ? null : () => liveEvents.bus.connected() && rateLimitRedis?.status === 'ready');

  await registerOpenApiCollector(app, packageVersion);
  await registerApi(app);
  // GraphQL borrows each REST route's access rule and schemas, so it comes after them.
  await registerGraphql(app, config);
  await registerOpenApiRoutes(app);
  registerNotFoundHandler(app, await registerWebApp(app, config.webDir));
  return app;
}

// A hop count means: trust that many proxies in front of us (Fastify's types omit numbers).
function trustProxyOption(config: Config): boolean | string[] | ((address: string, hop: number) => boolean) {
  const value = config.trustProxy;
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

async function registerRateLimit(app: FastifyInstance, config: Config): Promise<Redis | null> {
  // No offline queue: while Redis is down a counter update fails at once (and skipOnError lets the
  // request through) instead of holding every request until a reconnect.
  const redis = config.redisUrl === null ? null : new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableOfflineQueue: false });
  if (redis !== null) {
    redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'));
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    await whenReady(redis);
  }
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis === null ? {} : { redis, nameSpace: `${config.redisKeyPrefix}rate-limit:` }),
    // A Redis outage must not take the API down with it.
    skipOnError: true,
    keyGenerator: (request) => (request.actor === null ? `ip:${request.ip}` : `user:${request.actor.userId}`),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many requests; try again in ${context.after}`, { retryAfter: Math.ceil(context.ttl / 1000) }),
  });
  return redis;
}
