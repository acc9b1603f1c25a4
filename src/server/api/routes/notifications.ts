import { Type } from 'typebox';
import { listNotifications, markAllNotificationsRead, markNotification, NOTIFICATION_KINDS } from '../../services/notifications/index.js';
import type { ApiInstance } from '../api-instance.js';
import { actorCtx } from '../request-context.js';
import { Id, NoContent, Nullable, PageOf, PageQuery } from '../schemas.js';

const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...NOTIFICATION_KINDS]),
  workspaceId: Type.String(),
  workspaceKey: Type.String(),
  spec: Nullable(Type.Object({ id: Type.String(), key: Type.String(), title: Type.String() })),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  details: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

const NotificationPage = Type.Intersect([PageOf(NotificationSchema), Type.Object({ unreadCount: Type.Integer() })]);
const NotificationQuery = Type.Intersect([PageQuery, Type.Object({ unread: Type.Optional(Type.Boolean({ description: 'Only unread notifications' })) })]);
const NotificationParams = Type.Object({ id: Id });

// A user's own inbox: no workspace in the path, every caller sees only their own notifications.
export function notificationRoutes(app: ApiInstance): void {
  app.get(
    '/notifications',
    {
      schema: { tags: ['notifications'], summary: 'Your notifications, newest first, with the unread count', querystring: NotificationQuery, response: { 200: NotificationPage } },
      config: { access: { auth: 'user', scope: 'read' } },
    },
    (request) => listNotifications(actorCtx(request), request.query),
  );

  app.post(
    '/notifications/read-all',
    {
      schema: { tags: ['notifications'], summary: 'Mark all your notifications read', response: { 200: Type.Object({ marked: Type.Integer() }) } },
      config: { access: { auth: 'user', scope: 'write' } },
    },
    async (request) => ({ marked: await markAllNotificationsRead(actorCtx(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: { tags: ['notifications'], summary: 'Mark one of your notifications read', params: NotificationParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'write' } },
    },
    async (request, reply) => {
      await markNotification(actorCtx(request), request.params.id, true);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/notifications/:id/unread',
    {
      schema: { tags: ['notifications'], summary: 'Mark one of your notifications unread again', params: NotificationParams, response: { 204: NoContent } },
      config: { access: { auth: 'user', scope: 'write' } },
    },
    async (request, reply) => {
      await markNotification(actorCtx(request), request.params.id, false);
      return reply.code(204).send(null);
    },
  );
}
