// Webhook subscriptions of a workspace (docs/webhooks.md): admins only. Deliveries are listed and
// redelivered in deliveries.ts; sending happens in src/server/webhooks.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/index.js';
import { AppError, NotFoundError, ValidationError } from '../../errors/index.js';
import { latestEventId } from '../../events/outbox.js';
import { authorize, webhookPolicy } from '../../policies/index.js';
import { checkTarget, TargetRefusedError } from '../../webhooks/target.js';
import { recordAudit } from '../audit.js';
import { nowIso, type ActorCtx } from '../context.js';
import { pageWindow, toPage, type Page, type PageRequest } from '../pagination.js';
import { newId, newSecret } from '../secrets.js';
import { workspaceAccess, type WorkspaceAccess } from '../workspace-access.js';

export { listDeliveries, redeliver, type Delivery, type DeliveryAttempt } from './deliveries.js';

export interface Webhook {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string;
  readonly events: string[];
  readonly description: string;
  readonly active: boolean;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WebhookInput {
  readonly url?: string | undefined;
  readonly events?: readonly string[] | undefined;
  readonly secret?: string | undefined;
  readonly description?: string | undefined;
  readonly active?: boolean | undefined;
}

const COLUMNS = ['id', 'workspaceId', 'url', 'eventsJson', 'description', 'disabledAt', 'createdBy', 'createdAt', 'updatedAt'] as const;
type Row = { id: string; workspaceId: string; url: string; eventsJson: string; description: string; disabledAt: string | null; createdBy: string | null; createdAt: string; updatedAt: string };

function present(row: Row): Webhook {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    url: row.url,
    events: JSON.parse(row.eventsJson) as string[],
    description: row.description,
    active: row.disabledAt === null,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The workspace, after checking the actor may manage its webhooks. */
export async function webhookAccess(ctx: ActorCtx, ref: string, db: Kysely<DB> = ctx.deps.db): Promise<WorkspaceAccess> {
  const access = await workspaceAccess(ctx, ref, db);
  authorize(ctx.actor, webhookPolicy.manage, access);
  return access;
}

export async function loadWebhook(db: Kysely<DB>, workspaceId: string, id: string): Promise<Row> {
  const row = await db.selectFrom('webhooks').select(COLUMNS).where('id', '=', id).where('workspaceId', '=', workspaceId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Webhook');
  return row;
}

/** http(s) only, no credentials in it, and a host that resolves to allowed addresses. */
async function checkUrl(ctx: ActorCtx, value: string): Promise<string> {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw ValidationError.field('url', 'invalid_format', 'must be an http:// or https:// URL');
  if (url.username !== '' || url.password !== '') throw ValidationError.field('url', 'invalid_format', 'must not contain a user name or password');
  try {
    await checkTarget(url, ctx.deps.settings.webhooksAllowPrivate === true);
  } catch (error) {
    if (error instanceof TargetRefusedError) throw new AppError('webhook_target_refused', error.message);
    throw error;
  }
  return url.toString();
}

function eventsJson(events: readonly string[]): string {
  return JSON.stringify([...new Set(events)]);
}

export async function listWebhooks(ctx: ActorCtx, ref: string, page: PageRequest): Promise<Page<Webhook>> {
  const access = await webhookAccess(ctx, ref);
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db.selectFrom('webhooks').select(COLUMNS).where('workspaceId', '=', access.workspace.id).orderBy('id').limit(limit + 1);
  if (after !== null) query = query.where('id', '>', after);
  return toPage((await query.execute()).map(present), limit, (w) => w.id);
}

export async function getWebhook(ctx: ActorCtx, ref: string, id: string): Promise<Webhook> {
  const access = await webhookAccess(ctx, ref);
  return present(await loadWebhook(ctx.deps.db, access.workspace.id, id));
}

/** Creates a webhook; the signing secret (given or generated) is returned this once. */
export async function createWebhook(ctx: ActorCtx, ref: string, input: WebhookInput & { url: string; events: readonly string[] }): Promise<{ webhook: Webhook; secret: string }> {
  await webhookAccess(ctx, ref);
  const url = await checkUrl(ctx, input.url);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await webhookAccess(ctx, ref, trx);
    const now = nowIso(ctx.deps);
    const secret = input.secret ?? newSecret('whsec_');
    const row: Row = {
      id: newId(),
      workspaceId: access.workspace.id,
      url,
      eventsJson: eventsJson(input.events),
      description: input.description ?? '',
      disabledAt: input.active === false ? now : null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await trx.insertInto('webhooks').values({ ...row, secret, afterEventId: await latestEventId(trx) }).execute();
    await recordAudit(trx, ctx, { workspaceId: row.workspaceId, action: 'webhook.created', targetType: 'webhook', targetId: row.id, after: { url, events: input.events } });
    return { webhook: present(row), secret };
  });
}

export async function updateWebhook(ctx: ActorCtx, ref: string, id: string, input: WebhookInput): Promise<Webhook> {
  await webhookAccess(ctx, ref);
  const url = input.url === undefined ? undefined : await checkUrl(ctx, input.url);
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await webhookAccess(ctx, ref, trx);
    const before = await loadWebhook(trx, access.workspace.id, id);
    const now = nowIso(ctx.deps);
    const changes = {
      ...(url === undefined ? {} : { url }),
      ...(input.events === undefined ? {} : { eventsJson: eventsJson(input.events) }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.secret === undefined ? {} : { secret: input.secret }),
      ...(input.active === undefined ? {} : { disabledAt: input.active ? null : (before.disabledAt ?? now) }),
      updatedAt: now,
    };
    await trx.updateTable('webhooks').set(changes).where('id', '=', id).execute();
    const { secret: _secret, ...shown } = changes;
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'webhook.updated',
      targetType: 'webhook',
      targetId: id,
      after: { ...shown, ...(input.secret === undefined ? {} : { secretChanged: true }) },
    });
    return present({ ...before, ...changes });
  });
}

export async function deleteWebhook(ctx: ActorCtx, ref: string, id: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await webhookAccess(ctx, ref, trx);
    const before = await loadWebhook(trx, access.workspace.id, id);
    await trx.deleteFrom('webhooks').where('id', '=', id).execute();
    await recordAudit(trx, ctx, { workspaceId: access.workspace.id, action: 'webhook.deleted', targetType: 'webhook', targetId: id, before: { url: before.url } });
  });
}
