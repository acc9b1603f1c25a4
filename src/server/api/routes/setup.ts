import { Type } from 'typebox';
import { completeSetup, setupStatus } from '../../services/setup.js';
import type { ApiInstance } from '../api-instance.js';
import { publicCtx } from '../request-context.js';
import { Email, Password, PersonName, Strict, UserSchema, WorkspaceKey, WorkspaceSchema } from '../schemas.js';
import { setSessionCookie } from '../session-cookie.js';

export function setupRoutes(app: ApiInstance): void {
  app.get(
    '/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'Whether this installation still needs its first owner',
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
      config: { access: { auth: 'public', rateLimit: 'read' } },
    },
    (request) => setupStatus(request.server.deps),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags: ['setup'],
        summary: 'Create the first owner and workspace (only while no one has set up)',
        body: Type.Object(
          {
            name: PersonName,
            email: Email,
            password: Password,
            workspace: Type.Object({ name: PersonName, key: WorkspaceKey }, Strict),
          },
          Strict,
        ),
        response: { 201: Type.Object({ user: UserSchema, workspace: WorkspaceSchema }) },
      },
      config: { access: { auth: 'public', rateLimit: 'strict' } },
    },
    async (request, reply) => {
      const { user, workspace, session } = await completeSetup(publicCtx(request), request.body);
      setSessionCookie(reply, request.server.appConfig, session);
      return reply.code(201).send({ user, workspace });
    },
  );
}
