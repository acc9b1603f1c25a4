import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database, QueryObserver } from '../db/index.js';
import { UnauthenticatedError } from '../errors/index.js';

export interface Metrics {
  readonly registry: Registry;
  readonly observeQuery: QueryObserver;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
}

/** One registry per app instance, so several apps (tests) can live in one process. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'specboard_' });
  const httpDuration = new Histogram({
    name: 'specboard_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const dbDuration = new Histogram({
    name: 'specboard_db_query_duration_seconds',
    help: 'Database query duration',
    labelNames: ['dialect', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    observeQuery: ({ durationMs, failed, dialect }) => {
      dbDuration.observe({ dialect, outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
    },
  };
}

/** Request timing, connection gauges and GET /metrics (Prometheus text format). */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, database: Database, config: Config): void {
  let openConnections = 0;
  app.server.on('connection', (socket) => {
    openConnections += 1;
    socket.once('close', () => {
      openConnections -= 1;
    });
  });
  new Gauge({
    name: 'specboard_http_open_connections',
    help: 'Open HTTP connections',
    registers: [metrics.registry],
    collect() {
      this.set(openConnections);
    },
  });
  new Gauge({
    name: 'specboard_db_open_connections',
    help: 'Open database connections',
    registers: [metrics.registry],
    collect() {
      this.set(database.connectionCount());
    },
  });

  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (config.metricsToken !== null && request.headers.authorization !== `Bearer ${config.metricsToken}`) {
      throw new UnauthenticatedError('unauthenticated', 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
}
