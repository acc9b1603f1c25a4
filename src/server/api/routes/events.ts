import type {} from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { expectedOrigin } from '../authenticate.js';
import { AppError, ForbiddenError, UnauthenticatedError } from '../../errors/index.js';
import type { Credential } from '../../events/access.js';
import type { ApiInstance } from '../api-instance.js';

/**
 * The Origin rule of CSRF applied to the upgrade (a GET, which the CSRF hook lets through): a
 * browser always sends Origin with a WebSocket, so a foreign one is refused whatever the
 * credential, and a cookie-authenticated upgrade without one is refused too.
 */
export function checkUpgradeOrigin(request: FastifyRequest): void {
  if (!request.ws) return;
  const origin = request.headers.origin;
  const expected = expectedOrigin(request, request.server.appConfig);
  if (origin !== undefined && origin !== expected) throw new ForbiddenError('csrf_failed', `Origin ${origin} does not match ${expected}`);
  if (origin === undefined && request.actor?.via === 'session') throw new ForbiddenError('csrf_failed', 'Cookie-authenticated WebSocket upgrades need an Origin header');
}

export function credentialOf(request: FastifyRequest): Credential {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (request.actor?.via === 'token' && bearer !== undefined) return { kind: 'token', secret: bearer };
  if (request.actor?.via === 'session' && request.sessionToken !== null) return { kind: 'session', secret: request.sessionToken };
  throw new UnauthenticatedError();
}

// Live events over WebSocket (docs/events.md). In OpenAPI as the GET it starts with.
export function eventRoutes(app: ApiInstance): void {
  app.route({
    method: 'GET',
    url: '/events',
    schema: {
      tags: ['events'],
      summary: 'Live events: open a WebSocket here (Upgrade: websocket); the protocol is in docs/events.md',
      description: 'A plain GET answers 426 upgrade_required. Authenticate with the session cookie (and an Origin of this server) or Authorization: Bearer.',
    },
    config: { access: { auth: 'user', scope: 'read' } },
    preHandler: (request, _reply, done) => {
      try {
        checkUpgradeOrigin(request);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    handler: () => {
      throw new AppError('upgrade_required', 'Connect with a WebSocket client (Upgrade: websocket); see docs/events.md');
    },
    wsHandler: (socket, request) => {
      const actor = request.actor;
      if (actor === null) throw new UnauthenticatedError();
      request.server.liveEvents.hub.accept(socket, actor, credentialOf(request));
    },
  });
}
