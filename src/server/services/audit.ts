import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { authorize, workspacePolicy } from '../policies/index.js';
import type { ActorCtx, PublicCtx } from './context.js';
import { nowIso } from './context.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { newId } from './secrets.js';
import { workspaceAccess } from './workspace-access.js';

export interface AuditEntry {
  readonly workspaceId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Defaults to the context's actor. */
  readonly actorId?: string | null;
}

export interface AuditEvent {
  readonly id: string;
  readonly workspaceId: string | null;
  readonly actorId: string | null;
  readonly actorTokenId: string | null;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly createdAt: string;
}

/** Appends one event; call it inside the transaction that makes the change. */
export async function recordAudit(db: Kysely<DB>, ctx: PublicCtx | ActorCtx, entry: AuditEntry): Promise<void> {
  const actor = 'actor' in ctx ? ctx.actor : null;
  await db
    .insertInto('auditEvents')
    .values({
      id: newId(),
      workspaceId: entry.workspaceId,
      actorId: entry.actorId !== undefined ? entry.actorId : (actor?.userId ?? null),
      actorTokenId: actor?.tokenId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
      afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
      ip: ctx.meta.ip,
      requestId: ctx.meta.requestId,
      createdAt: nowIso(ctx.deps),
    })
    .execute();
}

/** Newest first. */
export async function listAuditEvents(ctx: ActorCtx, workspaceRef: string, page: PageRequest): Promise<Page<AuditEvent>> {
  const access = await workspaceAccess(ctx, workspaceRef);
  authorize(ctx.actor, workspacePolicy.readAudit, access);
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('workspaceId', '=', access.workspace.id)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (after !== null) query = query.where('id', '<', after);
  const rows = await query.execute();
  return toPage(
    rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspaceId,
      actorId: r.actorId,
      actorTokenId: r.actorTokenId,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      before: r.beforeJson === null ? null : (JSON.parse(r.beforeJson) as unknown),
      after: r.afterJson === null ? null : (JSON.parse(r.afterJson) as unknown),
      createdAt: r.createdAt,
    })),
    limit,
    (e) => e.id,
  );
}
