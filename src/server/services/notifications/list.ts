import type { NotificationKind } from '../../db/index.js';
import type { ActorCtx } from '../context.js';
import { pageWindow, toPage, type Page, type PageRequest } from '../pagination.js';

export interface Notification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly workspaceId: string;
  readonly workspaceKey: string;
  /** The spec it is about, with its key (SPEC-42) and title; null when none or deleted. */
  readonly spec: { readonly id: string; readonly key: string; readonly title: string } | null;
  readonly actor: { readonly id: string; readonly name: string } | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface NotificationListQuery extends PageRequest {
  /** Only notifications not read yet. */
  readonly unread?: boolean | undefined;
}

export interface NotificationPage extends Page<Notification> {
  /** The caller's unread notifications in all, whatever the page. */
  readonly unreadCount: number;
}

/** The caller's own notifications, newest first, with their unread count. */
export async function listNotifications(ctx: ActorCtx, query: NotificationListQuery): Promise<NotificationPage> {
  const { db } = ctx.deps;
  const userId = ctx.actor.userId;
  const { limit, after } = pageWindow(query);
  const rows = await db
    .selectFrom('notifications')
    .innerJoin('workspaces', 'workspaces.id', 'notifications.workspaceId')
    .leftJoin('specs', 'specs.id', 'notifications.specId')
    .leftJoin('users as actor', 'actor.id', 'notifications.actorId')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.workspaceId',
      'workspaces.key as workspaceKey',
      'notifications.specId',
      'specs.number as specNumber',
      'specs.title as specTitle',
      'specs.deletedAt as specDeletedAt',
      'notifications.actorId',
      'actor.name as actorName',
      'notifications.detailsJson',
      'notifications.createdAt',
      'notifications.readAt',
    ])
    .where('notifications.userId', '=', userId)
    .$if(query.unread === true, (q) => q.where('notifications.readAt', 'is', null))
    .$if(after !== null, (q) => q.where('notifications.id', '<', after ?? ''))
    .orderBy('notifications.id', 'desc')
    .limit(limit + 1)
    .execute();
  const counted = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  const page = toPage(
    rows.map(
      (r): Notification => ({
        id: r.id,
        kind: r.kind,
        workspaceId: r.workspaceId,
        workspaceKey: r.workspaceKey,
        spec:
          r.specId !== null && r.specNumber !== null && r.specTitle !== null && r.specDeletedAt === null
            ? { id: r.specId, key: `${r.workspaceKey}-${r.specNumber}`, title: r.specTitle }
            : null,
        actor: r.actorId !== null && r.actorName !== null ? { id: r.actorId, name: r.actorName } : null,
        details: JSON.parse(r.detailsJson) as Record<string, unknown>,
        createdAt: r.createdAt,
        readAt: r.readAt,
      }),
    ),
    limit,
    (n) => n.id,
  );
  return { ...page, unreadCount: Number(counted.n) };
}
