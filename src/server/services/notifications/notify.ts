import type { Kysely } from 'kysely';
import type { DB, NotificationKind } from '../../db/index.js';
import { newId } from '../secrets.js';
import { recordEvents } from '../../events/write.js';

export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['mention', 'review_requested', 'verdict', 'reminder', 'decision'];

export interface NotifyInput {
  readonly workspaceId: string;
  /** Who to tell; duplicates, the actor and people who are no longer members are left out. */
  readonly userIds: readonly string[];
  readonly kind: NotificationKind;
  readonly specId: string | null;
  /** Who caused it (null: the system, e.g. a reminder). Never notified of their own action. */
  readonly actorId: string | null;
  /** Kind-specific facts for the client (JSON), e.g. { threadId, commentId, excerpt }. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Creation time (defaults to now); pass the service clock's time for deterministic tests. */
  readonly at?: string;
}

/**
 * Creates one in-app notification per recipient. Call it inside the transaction that makes the
 * change, so a notification exists exactly when its cause does. Returns the recipients notified.
 */
export async function notify(trx: Kysely<DB>, input: NotifyInput): Promise<string[]> {
  const wanted = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (wanted.length === 0) return [];
  const members = await trx
    .selectFrom('memberships')
    .select('userId')
    .where('workspaceId', '=', input.workspaceId)
    .where('userId', 'in', wanted)
    .execute();
  const memberIds = new Set(members.map((m) => m.userId));
  const recipients = wanted.filter((id) => memberIds.has(id));
  if (recipients.length === 0) return [];
  const createdAt = input.at ?? new Date().toISOString();
  const detailsJson = JSON.stringify(input.details ?? {});
  const rows = recipients.map((userId) => ({
    id: newId(),
    workspaceId: input.workspaceId,
    userId,
    kind: input.kind,
    specId: input.specId,
    actorId: input.actorId,
    detailsJson,
    createdAt,
    readAt: null,
  }));
  await trx.insertInto('notifications').values(rows).execute();
  // Only the recipient hears of it, live (docs/events.md).
  await recordEvents(trx, rows.map((r) => ({ type: 'notification.created', workspaceId: r.workspaceId, specId: r.specId, userId: r.userId, actorId: r.actorId, data: { notificationId: r.id, kind: r.kind }, at: createdAt })));
  return recipients;
}
