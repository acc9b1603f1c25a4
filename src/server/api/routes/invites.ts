import { Type } from 'typebox';
import { ValidationError } from '../../errors/index.js';
import { acceptInvite, createInvite, listInvites, previewInvite, revokeInvite } from '../../services/invites.js';
import type { ApiInstance } from '../api-instance.js';
import { expectedOrigin } from '../authenticate.js';
import { actorCtx, publicCtx } from '../request-context.js';
import { Email, Id, NoContent, Nullable, PageOf, PageQuery, Password, PersonName, RoleSchema, Strict, UserSchema, WorkspaceRef } from '../schemas.js';
import { setSessionCookie } from '../session-cookie.js';

const InviteSchema = Type.Object({
  id: Type.String(),
  workspaceId: Type.String(),
  role: RoleSchema,
  email: Nullable(Type.String()),
  status: Type.Enum(['pending', 'accepted', 'expired', 'revoked']),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  acceptedAt: Nullable(Type.String()),
  acceptedBy: Nullable(Type.String()),
});
const InviteToken = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

export function inviteRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/invites',
    {
      schema: { tags: ['invites'], summary: 'Invites of the workspace, newest first', params: Type.Object({ ws: WorkspaceRef }), querystring: PageQuery, response: { 200: PageOf(InviteSchema) } },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    (request) => listInvites(actorCtx(request), request.params.ws, request.query),
  );

  app.post(
    '/workspaces/:ws/invites',
    {
      schema: {
        tags: ['invites'],
        summary: 'Create a one-time invite link',
        params: Type.Object({ ws: WorkspaceRef }),
        body: Type.Object(
          {
            role: RoleSchema,
            email: Type.Optional(Email),
            expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 2160 })),
          },
          Strict,
        ),
        response: { 201: Type.Object({ invite: InviteSchema, token: Type.String(), url: Type.String() }) },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin', rateLimit: 'strict' } },
    },
    async (request, reply) => {
      const { invite, token } = await createInvite(actorCtx(request), request.params.ws, request.body);
      const url = `${expectedOrigin(request, request.server.appConfig)}/invites/${token}`;
      return reply.code(201).send({ invite, token, url });
    },
  );

  app.delete(
    '/workspaces/:ws/invites/:id',
    {
      schema: { tags: ['invites'], summary: 'Revoke an invite', params: Type.Object({ ws: WorkspaceRef, id: Id }), response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    async (request, reply) => {
      await revokeInvite(actorCtx(request), request.params.ws, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invites/:token',
    {
      schema: {
        tags: ['invites'],
        summary: 'What an invite grants (before accepting)',
        params: InviteToken,
        response: {
          200: Type.Object({ workspace: Type.Object({ key: Type.String(), name: Type.String() }), role: RoleSchema, email: Nullable(Type.String()), expiresAt: Type.String() }),
        },
      },
      config: { access: { auth: 'public', rateLimit: 'strict' } },
    },
    (request) => previewInvite(publicCtx(request), request.params.token),
  );

  app.post(
    '/invites/:token/accept',
    {
      schema: {
        tags: ['invites'],
        summary: 'Accept an invite: with name, email and password to create an account, or with {} while signed in',
        params: InviteToken,
        body: Type.Object({ name: Type.Optional(PersonName), email: Type.Optional(Email), password: Type.Optional(Password) }, Strict),
        response: { 201: Type.Object({ user: UserSchema, workspace: Type.Object({ id: Type.String(), key: Type.String(), name: Type.String() }), role: RoleSchema }) },
      },
      config: { access: { auth: 'public', rateLimit: 'strict' } },
    },
    async (request, reply) => {
      const { name, email, password } = request.body;
      const given = [name, email, password].filter((v) => v !== undefined).length;
      let input: Parameters<typeof acceptInvite>[2];
      if (given === 3 && name !== undefined && email !== undefined && password !== undefined) {
        input = { account: { name, email, password } };
      } else if (given === 0 && request.actor?.via === 'session') {
        input = { actor: request.actor };
      } else {
        const missing = (['name', 'email', 'password'] as const).filter((k) => request.body[k] === undefined);
        throw new ValidationError(missing.map((field) => ({ field, in: 'body' as const, code: 'required' as const, message: 'is required to create your account' })));
      }
      const result = await acceptInvite(publicCtx(request), request.params.token, input);
      if (result.session !== null) setSessionCookie(reply, request.server.appConfig, result.session);
      return reply.code(201).send({ user: result.user, workspace: result.workspace, role: result.role });
    },
  );
}
