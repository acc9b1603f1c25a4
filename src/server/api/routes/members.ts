import { Type } from 'typebox';
import { addMemberWithNewAccount, changeMemberRole, listMembers, removeMember } from '../../services/memberships.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Email, Id, NoContent, PageOf, PageQuery, Password, PersonName, RoleSchema, Strict, WorkspaceRef } from '../schemas.js';

const MemberSchema = Type.Object({
  userId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  joinedAt: Type.String(),
});
const MemberParams = Type.Object({ ws: WorkspaceRef, userId: Id });

export function memberRoutes(app: ApiInstance): void {
  app.get(
    '/workspaces/:ws/members',
    {
      schema: { tags: ['members'], summary: 'Members of the workspace', params: Type.Object({ ws: WorkspaceRef }), querystring: PageQuery, response: { 200: PageOf(MemberSchema) } },
      config: { access: { auth: 'user', scope: 'read', minRole: 'viewer' } },
    },
    (request) => listMembers(actorCtx(request), request.params.ws, request.query),
  );

  app.post(
    '/workspaces/:ws/members',
    {
      schema: {
        tags: ['members'],
        summary: 'Create an account for someone and add them to the workspace',
        params: Type.Object({ ws: WorkspaceRef }),
        body: Type.Object({ name: PersonName, email: Email, password: Password, role: RoleSchema }, Strict),
        response: { 201: MemberSchema },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    async (request, reply) => reply.code(201).send(await addMemberWithNewAccount(actorCtx(request), request.params.ws, request.body)),
  );

  app.patch(
    '/workspaces/:ws/members/:userId',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role (only owners grant or take away ownership)",
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, Strict),
        response: { 200: MemberSchema },
      },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    (request) => changeMemberRole(actorCtx(request), request.params.ws, request.params.userId, request.body.role),
  );

  app.delete(
    '/workspaces/:ws/members/:userId',
    {
      schema: { tags: ['members'], summary: 'Remove a member from the workspace', params: MemberParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'admin', minRole: 'admin' } },
    },
    async (request, reply) => {
      await removeMember(actorCtx(request), request.params.ws, request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
