// Workspaces, their members and invites.
import type { Role } from '../../../db/index.js';
import { createInvite, listInvites, revokeInvite } from '../../../services/invites.js';
import { addMemberWithNewAccount, changeMemberRole, listMembers, removeMember } from '../../../services/memberships.js';
import { listWorkspaceLabels } from '../../../services/labels.js';
import { createWorkspace, deleteWorkspace, getWorkspace, listWorkspaces, updateWorkspace } from '../../../services/workspaces.js';
import { expectedOrigin } from '../../authenticate.js';
import type { Domain } from '../domain.js';
import { given, operation, requestOf } from '../operation.js';

type Page = { limit?: number | null; cursor?: string | null };
type InWorkspace = { workspace: string };

export const workspaceDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "What you may do in a workspace (to show or hide actions)."
    type WorkspacePermissions { update: Boolean! delete: Boolean! manageMembers: Boolean! manageInvites: Boolean! manageTemplates: Boolean! readAudit: Boolean! }
    type Workspace { id: ID! key: String! name: String! createdAt: String! updatedAt: String! role: Role! permissions: WorkspacePermissions! }
    type WorkspacePage { items: [Workspace!]! nextCursor: String }
    type Member { userId: ID! email: String! name: String! role: Role! joinedAt: String! }
    type MemberPage { items: [Member!]! nextCursor: String }
    type Invite {
      id: ID!
      workspaceId: ID!
      role: Role!
      email: String
      status: String!
      createdBy: ID!
      createdAt: String!
      expiresAt: String!
      acceptedAt: String
      acceptedBy: ID
    }
    type InvitePage { items: [Invite!]! nextCursor: String }
    "A label of a workspace; specs: how many specs (not deleted) carry it now."
    type Label { name: String! color: String! specs: Int! }
    "A new invite: the token is shown once."
    type CreatedInvite { invite: Invite! token: String! url: String! }
  `,
  query: /* GraphQL */ `
    "Workspaces you belong to."
    workspaces(limit: Int, cursor: String): WorkspacePage!
    "One workspace by id or key, with your role and permissions."
    workspace(ref: String!): Workspace!
    members(workspace: String!, limit: Int, cursor: String): MemberPage!
    invites(workspace: String!, limit: Int, cursor: String): InvitePage!
    "Every label of the workspace, by name."
    labels(workspace: String!): [Label!]!
  `,
  mutation: /* GraphQL */ `
    createWorkspace(name: String!, key: String!): Workspace!
    updateWorkspace(workspace: String!, name: String): Workspace!
    deleteWorkspace(workspace: String!): Boolean!
    "Creates an account for someone and adds them to the workspace."
    addMember(workspace: String!, name: String!, email: String!, password: String!, role: Role!): Member!
    changeMemberRole(workspace: String!, userId: ID!, role: Role!): Member!
    removeMember(workspace: String!, userId: ID!): Boolean!
    createInvite(workspace: String!, role: Role!, email: String, expiresInHours: Int): CreatedInvite!
    revokeInvite(workspace: String!, id: ID!): Boolean!
  `,
  operations: [
    operation({ field: 'Query.workspaces', rest: 'GET /workspaces', request: (args: Page) => ({ query: given(args) }), run: (ctx, r) => listWorkspaces(ctx, r.query) }),
    operation({ field: 'Query.workspace', rest: 'GET /workspaces/:ws', request: (args: { ref: string }) => ({ params: { ws: args.ref } }), run: (ctx, r) => getWorkspace(ctx, r.params.ws) }),
    operation({
      field: 'Query.members',
      rest: 'GET /workspaces/:ws/members',
      request: ({ workspace, ...page }: InWorkspace & Page) => ({ params: { ws: workspace }, query: given(page) }),
      run: (ctx, r) => listMembers(ctx, r.params.ws, r.query),
    }),
    operation({
      field: 'Query.invites',
      rest: 'GET /workspaces/:ws/invites',
      request: ({ workspace, ...page }: InWorkspace & Page) => ({ params: { ws: workspace }, query: given(page) }),
      run: (ctx, r) => listInvites(ctx, r.params.ws, r.query),
    }),
    operation({ field: 'Query.labels', rest: 'GET /workspaces/:ws/labels', request: (args: InWorkspace) => ({ params: { ws: args.workspace } }), run: (ctx, r) => listWorkspaceLabels(ctx, r.params.ws) }),
    operation({
      field: 'Mutation.createWorkspace',
      rest: 'POST /workspaces',
      request: (args: { name: string; key: string }) => ({ body: args }),
      run: (ctx, r) => createWorkspace(ctx, r.body),
    }),
    operation({
      field: 'Mutation.updateWorkspace',
      rest: 'PATCH /workspaces/:ws',
      request: ({ workspace, ...body }: InWorkspace & { name?: string | null }) => ({ params: { ws: workspace }, body: given(body) }),
      run: (ctx, r) => updateWorkspace(ctx, r.params.ws, r.body),
    }),
    operation({
      field: 'Mutation.deleteWorkspace',
      rest: 'DELETE /workspaces/:ws',
      request: (args: InWorkspace) => ({ params: { ws: args.workspace } }),
      run: async (ctx, r) => {
        await deleteWorkspace(ctx, r.params.ws);
        return true;
      },
    }),
    operation({
      field: 'Mutation.addMember',
      rest: 'POST /workspaces/:ws/members',
      request: ({ workspace, ...body }: InWorkspace & { name: string; email: string; password: string; role: Role }) => ({ params: { ws: workspace }, body }),
      run: (ctx, r) => addMemberWithNewAccount(ctx, r.params.ws, r.body),
    }),
    operation({
      field: 'Mutation.changeMemberRole',
      rest: 'PATCH /workspaces/:ws/members/:userId',
      request: (args: InWorkspace & { userId: string; role: Role }) => ({ params: { ws: args.workspace, userId: args.userId }, body: { role: args.role } }),
      run: (ctx, r) => changeMemberRole(ctx, r.params.ws, r.params.userId, r.body.role),
    }),
    operation({
      field: 'Mutation.removeMember',
      rest: 'DELETE /workspaces/:ws/members/:userId',
      request: (args: InWorkspace & { userId: string }) => ({ params: { ws: args.workspace, userId: args.userId } }),
      run: async (ctx, r) => {
        await removeMember(ctx, r.params.ws, r.params.userId);
        return true;
      },
    }),
    operation({
      field: 'Mutation.createInvite',
      rest: 'POST /workspaces/:ws/invites',
      request: ({ workspace, ...body }: InWorkspace & { role: Role; email?: string | null; expiresInHours?: number | null }) => ({ params: { ws: workspace }, body: { ...given(body), role: body.role } }),
      run: async (ctx, r, _parent, context) => {
        const { invite, token } = await createInvite(ctx, r.params.ws, r.body);
        const request = requestOf(context);
        return { invite, token, url: `${expectedOrigin(request, request.server.appConfig)}/invites/${token}` };
      },
    }),
    operation({
      field: 'Mutation.revokeInvite',
      rest: 'DELETE /workspaces/:ws/invites/:id',
      request: (args: InWorkspace & { id: string }) => ({ params: { ws: args.workspace, id: args.id } }),
      run: async (ctx, r) => {
        await revokeInvite(ctx, r.params.ws, r.params.id);
        return true;
      },
    }),
  ],
};
