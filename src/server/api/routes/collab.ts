import type {} from '@fastify/websocket';
import { AppError, UnauthenticatedError } from '../../errors/index.js';
import type { ApiInstance } from '../api-instance.js';
import { checkUpgradeOrigin, credentialOf } from './events.js';

// Real-time co-editing over WebSocket (Hocuspocus protocol; docs/events.md "Co-editing"). The
// upgrade is authenticated like the live-events one (cookie + Origin, or a bearer token); each
// document is then authorized when the client opens it.
export function collabRoutes(app: ApiInstance): void {
  app.route({
    method: 'GET',
    url: '/collab',
    schema: {
      tags: ['events'],
      summary: 'Co-editing: open a WebSocket here (Upgrade: websocket) and speak the Hocuspocus protocol; see docs/events.md',
      description:
        'A plain GET answers 426 upgrade_required. Authenticate with the session cookie (and an Origin of this server) or Authorization: Bearer. Document names: a spec id, or `<spec id>:v<N>` for a version (read-only).',
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
      throw new AppError('upgrade_required', 'Connect with a Hocuspocus client (Upgrade: websocket); see docs/events.md');
    },
    wsHandler: (socket, request) => {
      const actor = request.actor;
      if (actor === null) throw new UnauthenticatedError();
      request.server.collab.handleConnection(socket, request.raw, { actor, credential: credentialOf(request) });
    },
  });
}
