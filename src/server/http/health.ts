import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/index.js';
import { AppError } from '../errors/index.js';

/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers too). */
export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get('/healthz', { schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request) => {
    try {
      await database.ping();
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      throw new AppError('not_ready', 'The database is not reachable');
    }
    return { status: 'ready', database: database.dialect };
  });
}
