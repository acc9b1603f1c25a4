import type { FastifyInstance } from 'fastify';

/** For the web client: only our own scripts, styles and connections; no framing, no plugins. */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
export const DOCS_PREFIX = '/api/docs';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-request-id', request.id);
    const path = request.url;
    // Swagger UI sets its own policy for its page and assets.
    if (path.startsWith(DOCS_PREFIX)) return payload;
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', path.startsWith('/api/') || path === '/metrics' ? API_CSP : APP_CSP);
    }
    return payload;
  });
}
