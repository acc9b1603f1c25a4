import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/index.js';
import { ValidationError } from '../errors/index.js';
import { authorize, roleAtLeast, workspacePolicy } from '../policies/index.js';
import type { ActorCtx } from './context.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { workspaceAccess } from './workspace-access.js';

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
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly createdAt: string;
}

export interface AuditFilter extends PageRequest {
  /** Workspace id or key; without it, every workspace the caller administers plus their own account's events. */
  readonly workspace?: string | undefined;
  readonly actor?: string | undefined;
  /** An exact action (`spec.created`) or a family ending in `.*` (`spec.*`). */
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  /** ISO 8601 instants; `since` inclusive, `until` exclusive. */
  readonly since?: string | undefined;
  readonly until?: string | undefined;
}

type AuditWhere = ExpressionBuilder<DB, 'auditEvents'>;

/**
 * The audit trail, newest first. Workspace events need the admin role there; account-level
 * events (tokens, password, sign-outs) are visible to the user they concern.
 */
export async function listAuditTrail(ctx: ActorCtx, filter: AuditFilter): Promise<Page<AuditEvent>> {
  const { limit, after } = pageWindow(filter);
  const scope = await visibleScope(ctx, filter.workspace);
  const since = instant(filter.since, 'since');
  const until = instant(filter.until, 'until');
  let query = ctx.deps.db
    .selectFrom('auditEvents')
    .selectAll()
    .where((eb: AuditWhere) => {
      const visible = [];
      if (scope.workspaceIds.length > 0) visible.push(eb('workspaceId', 'in', scope.workspaceIds));
      if (scope.ownAccount) visible.push(eb.and([eb('workspaceId', 'is', null), eb.or([eb('actorId', '=', ctx.actor.userId), eb('targetId', '=', ctx.actor.userId)])]));
      return visible.length === 0 ? eb.val(false) : eb.or(visible);
    })
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (after !== null) query = query.where('id', '<', after);
  if (filter.actor !== undefined) query = query.where('actorId', '=', filter.actor);
  if (filter.action !== undefined) {
    const family = filter.action.endsWith('.*') ? filter.action.slice(0, -1) : null;
    // A prefix range instead of LIKE: no wildcard escaping, and both databases use the same comparison.
    query = family === null ? query.where('action', '=', filter.action) : query.where('action', '>=', family).where('action', '<', family + '\uffff');
  }
  if (filter.targetType !== undefined) query = query.where('targetType', '=', filter.targetType);
  if (filter.targetId !== undefined) query = query.where('targetId', '=', filter.targetId);
  if (since !== null) query = query.where('createdAt', '>=', since);
  if (until !== null) query = query.where('createdAt', '<', until);
  const rows = await query.execute();
  return toPage(rows.map(presentEvent), limit, (e) => e.id);
}

async function visibleScope(ctx: ActorCtx, workspace: string | undefined): Promise<{ workspaceIds: string[]; ownAccount: boolean }> {
  if (workspace !== undefined) {
    const access = await workspaceAccess(ctx, workspace);
    authorize(ctx.actor, workspacePolicy.readAudit, access);
    return { workspaceIds: [access.workspace.id], ownAccount: false };
  }
  const memberships = await ctx.deps.db.selectFrom('memberships').select(['workspaceId', 'role']).where('userId', '=', ctx.actor.userId).execute();
  const administered = memberships.filter((m) => roleAtLeast(m.role, 'admin')).map((m) => m.workspaceId);
  return { workspaceIds: administered, ownAccount: true };
}

function instant(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ValidationError([{ field, in: 'query', code: 'invalid_format', message: 'must be an ISO 8601 date-time' }]);
  return new Date(ms).toISOString();
}

function presentEvent(r: DB['auditEvents'] & { id: string }): AuditEvent {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    actorId: r.actorId,
    actorTokenId: r.actorTokenId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    before: r.beforeJson === null ? null : (JSON.parse(r.beforeJson) as unknown),
    after: r.afterJson === null ? null : (JSON.parse(r.afterJson) as unknown),
    ip: r.ip,
    requestId: r.requestId,
    createdAt: r.createdAt,
  };
}
