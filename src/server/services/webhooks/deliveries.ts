import type { WebhookDeliveryStatus } from '../../db/index.js';
import { NotFoundError } from '../../errors/index.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { pageWindow, toPage, type Page, type PageRequest } from '../pagination.js';
import { newId } from '../secrets.js';
import { loadWebhook, webhookAccess } from './index.js';

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly at: string;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
  readonly durationMs: number;
  /** When the next try was scheduled after this one (null: delivered or given up). */
  readonly nextAttemptAt: string | null;
}

export interface Delivery {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: number;
  readonly eventType: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  /** Set while pending. */
  readonly nextAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly responseExcerpt: string | null;
  readonly redeliveryOf: string | null;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  /** Every try, oldest first. */
  readonly history: DeliveryAttempt[];
}

const COLUMNS = [
  'id',
  'webhookId',
  'eventId',
  'eventType',
  'status',
  'attempts',
  'nextAttemptAt',
  'lastStatusCode',
  'lastError',
  'responseExcerpt',
  'redeliveryOf',
  'createdAt',
  'deliveredAt',
] as const;

type Row = { id: string; eventId: number | string; status: WebhookDeliveryStatus; nextAttemptAt: string } & Omit<Delivery, 'id' | 'eventId' | 'status' | 'nextAttemptAt' | 'history'>;

async function withHistory(ctx: ActorCtx, rows: Row[]): Promise<Delivery[]> {
  const ids = rows.map((r) => r.id);
  const attempts =
    ids.length === 0
      ? []
      : await ctx.deps.db
          .selectFrom('webhookAttempts')
          .select(['deliveryId', 'attempt', 'at', 'statusCode', 'error', 'responseExcerpt', 'durationMs', 'nextAttemptAt'])
          .where('deliveryId', 'in', ids)
          .orderBy('attempt')
          .execute();
  return rows.map((r) => ({
    ...r,
    eventId: Number(r.eventId),
    nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
    history: attempts.filter((a) => a.deliveryId === r.id).map(({ deliveryId: _id, ...a }) => a),
  }));
}

/** A webhook's deliveries, newest first, each with its tries. */
export async function listDeliveries(ctx: ActorCtx, ref: string, webhookId: string, page: PageRequest): Promise<Page<Delivery>> {
  const access = await webhookAccess(ctx, ref);
  await loadWebhook(ctx.deps.db, access.workspace.id, webhookId);
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db.selectFrom('webhookDeliveries').select(COLUMNS).where('webhookId', '=', webhookId).orderBy('id', 'desc').limit(limit + 1);
  if (after !== null) query = query.where('id', '<', after);
  const rows = await query.execute();
  return toPage(await withHistory(ctx, rows), limit, (d) => d.id);
}

/**
 * Queues the same event (the same body) to the webhook again, now, as a new delivery with its own
 * tries; the original stays as it was. Receivers dedupe by the X-Specboard-Event-Id header.
 */
export async function redeliver(ctx: ActorCtx, ref: string, webhookId: string, deliveryId: string): Promise<Delivery> {
  const row = await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await webhookAccess(ctx, ref, trx);
    await loadWebhook(trx, access.workspace.id, webhookId);
    const original = await trx
      .selectFrom('webhookDeliveries')
      .select(['id', 'workspaceId', 'eventId', 'eventType', 'payload'])
      .where('id', '=', deliveryId)
      .where('webhookId', '=', webhookId)
      .executeTakeFirst();
    if (original === undefined) throw new NotFoundError('Delivery');
    const now = nowIso(ctx.deps);
    const created: Row = {
      id: newId(),
      webhookId,
      eventId: Number(original.eventId),
      eventType: original.eventType,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastStatusCode: null,
      lastError: null,
      responseExcerpt: null,
      redeliveryOf: original.id,
      createdAt: now,
      deliveredAt: null,
    };
    await trx
      .insertInto('webhookDeliveries')
      .values({ ...created, eventId: Number(original.eventId), workspaceId: original.workspaceId, payload: original.payload, updatedAt: now })
      .execute();
    await recordAudit(trx, ctx, { workspaceId: access.workspace.id, action: 'webhook.redelivered', targetType: 'webhook', targetId: webhookId, after: { deliveryId: created.id, of: original.id } });
    return created;
  });
  const [delivery] = await withHistory(ctx, [row]);
  if (delivery === undefined) throw new NotFoundError('Delivery');
  return delivery;
}
