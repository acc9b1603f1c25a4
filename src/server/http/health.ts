import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';

/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: the database answers too).
 * With REDIS_URL, `redisUp` says whether Redis is reachable: when it is not, /readyz still answers
 * 200 (reads and writes go on from the database) with status "degraded" (docs/deploy.md).
 */
export function registerHealth(app: FastifyInstance, database: Database, redisUp: (() => boolean) | null = null): void {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request) => {
    try {
      await database.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      throw new AppError('not_ready', 'The database is not reachable');
    }
    if (redisUp === null) return { status: 'ready', database: database.dialect };
    const redis = redisUp() ? 'ok' : 'unavailable';
    return { status: redis === 'ok' ? 'ready' : 'degraded', database: database.dialect, redis };
  });
}
