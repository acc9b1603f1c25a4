import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { ActorCtx, PublicCtx } from './context.js';
import { nowIso } from './context.js';
import { newId } from './secrets.js';

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
