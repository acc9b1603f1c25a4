import type { FastifyInstance } from 'fastify';

/**
 * One JSON line per request, written when the response is sent: request id (the logger's binding),
 * method, URL, status and time taken. Fastify's own logging writes two lines per request (incoming,
 * completed), each serializing the request; on small writes that was ~4% of the server's CPU.
 * The incoming line is still there at `debug`, for following a request that never completes.
 */
export function registerAccessLog(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    request.log.debug({ req: request }, 'incoming request');
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: { method: request.method, url: request.url, remoteAddress: request.ip }, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
