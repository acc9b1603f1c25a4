import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendNotFound } from '../api/problems.js';

// Paths the server owns: never answered with the app's index.html, so a client of the API gets a real 404.
const SERVER_PATHS = ['/api', '/graphql', '/metrics', '/healthz', '/readyz'];

/**
 * Serves the built web client when `webDir` holds an index.html: its files as they are, and
 * index.html for any other GET of a non-API path (client-side routing). Returns the not-found
 * handler to install (API paths and other methods keep answering problem+json 404s).
 */
export async function registerWebApp(
  app: FastifyInstance,
  webDir: string,
): Promise<((request: FastifyRequest, reply: FastifyReply) => unknown) | undefined> {
  if (!existsSync(join(webDir, 'index.html'))) return undefined;
  await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h' });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(prefix + '/'));
    if (isApi || (request.method !== 'GET' && request.method !== 'HEAD')) return sendNotFound(request, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
}
