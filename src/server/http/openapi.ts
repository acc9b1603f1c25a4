import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../api/route-table.js';
import { DOCS_PREFIX } from './security-headers.js';

export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

/** Must be registered before the API routes: @fastify/swagger collects them as they are added. */
export async function registerOpenApiCollector(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Specboard API',
        version,
        description: 'Errors are application/problem+json documents with a stable `code`; see docs/errors.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'specboard_session' },
          token: { type: 'http', scheme: 'bearer', description: 'Personal API token (sb_...)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
}

/** GET /api/v1/openapi.json and the browsable docs at /api/docs. */
export async function registerOpenApiRoutes(app: FastifyInstance): Promise<void> {
  app.get(OPENAPI_PATH, { schema: { hide: true }, config: { access: { auth: 'public', rateLimit: 'read' } } }, () => app.swagger());
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
}
