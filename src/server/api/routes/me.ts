import { Type } from 'typebox';
import { changePassword, getMe, updateMe } from '../../services/users.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { NoContent, Password, PersonName, RoleSchema, Strict, UserSchema } from '../schemas.js';

const MeSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  memberships: Type.Array(
    Type.Object({ workspaceId: Type.String(), workspaceKey: Type.String(), workspaceName: Type.String(), role: RoleSchema }),
  ),
});

export function meRoutes(app: ApiInstance): void {
  app.get(
    '/me',
    {
      schema: { tags: ['me'], summary: 'The signed-in user and their workspaces', response: { 200: MeSchema } },
      config: { access: { auth: 'user', scope: 'read' } },
    },
    (request) => getMe(actorCtx(request)),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Change your display name',
        body: Type.Object({ name: Type.Optional(PersonName) }, Strict),
        response: { 200: UserSchema },
      },
      config: { access: { auth: 'user', scope: 'write' } },
    },
    (request) => updateMe(actorCtx(request), request.body),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['me'],
        summary: 'Change your password (signs out your other sessions)',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Password }, Strict),
        response: { 204: NoContent },
      },
      config: { access: { auth: 'session', rateLimit: 'strict' } },
    },
    async (request, reply) => {
      await changePassword(actorCtx(request), request.body);
      return reply.code(204).send(null);
    },
  );
}
