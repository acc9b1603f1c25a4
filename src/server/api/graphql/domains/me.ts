// The caller, their inbox, search and the audit trail: the parts that are about "me", not one workspace.
import { listAuditTrail, type AuditFilter } from '../../../services/audit-trail.js';
import { listNotifications, markAllNotificationsRead, markNotification } from '../../../services/notifications/index.js';
import { searchSpecs, type SearchInput } from '../../../services/search.js';
import { getMe, updateMe } from '../../../services/users.js';
import type { Domain } from '../domain.js';
import { given, operation } from '../operation.js';

type Args = Record<string, unknown>;
type Page = { limit?: number | null; cursor?: string | null };
const AUDIT_FILTERS = 'actor: String, action: String, targetType: String, targetId: String, since: String, until: String, limit: Int, cursor: String';

export const meDomain: Domain = {
  typeDefs: /* GraphQL */ `
    "Someone as other people see them."
    type Person { id: ID! name: String! }
    type User { id: ID! email: String! name: String! createdAt: String! }
    enum Role { viewer editor admin owner }
    type Membership { workspaceId: ID! workspaceKey: String! workspaceName: String! role: Role! }
    "The signed-in user (or the token's owner) and their workspaces."
    type Me { id: ID! email: String! name: String! createdAt: String! memberships: [Membership!]! }

    type NotificationSpec { id: ID! key: String! title: String! }
    type Notification {
      id: ID!
      kind: String!
      workspaceId: ID!
      workspaceKey: String!
      spec: NotificationSpec
      actor: Person
      details: JSON!
      createdAt: String!
      readAt: String
    }
    type NotificationPage { items: [Notification!]! nextCursor: String unreadCount: Int! }

    "Plain text around the matches; parts with match: true are the matching words (never HTML)."
    type SnippetPart { text: String! match: Boolean! }
    type SearchHit {
      specId: ID!
      key: String!
      title: String!
      sectionPath: String!
      sectionTitle: String!
      snippet: [SnippetPart!]!
      score: Float!
      status: String!
      updatedAt: String!
    }
    type SearchPage { items: [SearchHit!]! nextCursor: String }

    type AuditEvent {
      id: ID!
      workspaceId: ID
      actorId: ID
      actorTokenId: ID
      action: String!
      targetType: String!
      targetId: String!
      before: JSON
      after: JSON
      ip: String
      requestId: String
      createdAt: String!
    }
    type AuditEventPage { items: [AuditEvent!]! nextCursor: String }
  `,
  query: /* GraphQL */ `
    me: Me!
    "Your notifications, newest first."
    notifications(unread: Boolean, limit: Int, cursor: String): NotificationPage!
    "Full-text search over the sections of the specs you can read (GET /search)."
    search(q: String!, workspace: String, status: String, author: String, label: String, template: String, updatedAfter: String, updatedBefore: String, limit: Int, cursor: String): SearchPage!
    "Audit trail: workspaces you administer and your own account (GET /audit)."
    audit(workspace: String, ${AUDIT_FILTERS}): AuditEventPage!
    "Audit trail of one workspace (admins)."
    workspaceAudit(workspace: String!, ${AUDIT_FILTERS}): AuditEventPage!
  `,
  mutation: /* GraphQL */ `
    updateMe(name: String): User!
    "Marks all your notifications read; answers how many were unread."
    markAllNotificationsRead: Int!
    markNotificationRead(id: ID!): Boolean!
    markNotificationUnread(id: ID!): Boolean!
  `,
  operations: [
    operation({ field: 'Query.me', rest: 'GET /me', request: () => ({}), run: (ctx) => getMe(ctx) }),
    operation({
      field: 'Query.notifications',
      rest: 'GET /notifications',
      request: (args: Page & { unread?: boolean | null }) => ({ query: given(args) }),
      run: (ctx, r) => listNotifications(ctx, r.query),
    }),
    operation({
      field: 'Query.search',
      rest: 'GET /search',
      request: (args: Args) => ({ query: given(args) }),
      run: (ctx, r) => searchSpecs(ctx, r.query as unknown as SearchInput),
    }),
    operation({
      field: 'Query.audit',
      rest: 'GET /audit',
      request: (args: Args) => ({ query: given(args) }),
      run: (ctx, r) => listAuditTrail(ctx, r.query as AuditFilter),
    }),
    operation({
      field: 'Query.workspaceAudit',
      rest: 'GET /workspaces/:ws/audit-events',
      request: ({ workspace, ...args }: Args & { workspace: string }) => ({ params: { ws: workspace }, query: given(args) }),
      run: (ctx, r) => listAuditTrail(ctx, { ...(r.query as AuditFilter), workspace: r.params.ws }),
    }),
    operation({
      field: 'Mutation.updateMe',
      rest: 'PATCH /me',
      request: (args: { name?: string | null }) => ({ body: given(args) }),
      run: (ctx, r) => updateMe(ctx, r.body),
    }),
    operation({ field: 'Mutation.markAllNotificationsRead', rest: 'POST /notifications/read-all', request: () => ({}), run: (ctx) => markAllNotificationsRead(ctx) }),
    operation({
      field: 'Mutation.markNotificationRead',
      rest: 'POST /notifications/:id/read',
      request: (args: { id: string }) => ({ params: args }),
      run: async (ctx, r) => {
        await markNotification(ctx, r.params.id, true);
        return true;
      },
    }),
    operation({
      field: 'Mutation.markNotificationUnread',
      rest: 'POST /notifications/:id/unread',
      request: (args: { id: string }) => ({ params: args }),
      run: async (ctx, r) => {
        await markNotification(ctx, r.params.id, false);
        return true;
      },
    }),
  ],
};
