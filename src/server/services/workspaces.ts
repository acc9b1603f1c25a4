import type { Kysely } from 'kysely';
import { isUniqueViolation, type DB, type Role } from '../db/index.js';
import { ConflictError, ForbiddenError } from '../errors/index.js';
import { authorize, can, invitePolicy, membershipPolicy, scopeAllows, templatePolicy, workspacePolicy } from '../policies/index.js';
import { recordAudit } from './audit.js';
import { nowIso, type ActorCtx, type PublicCtx } from './context.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { newId } from './secrets.js';
import { workspaceAccess, type Workspace, type WorkspaceAccess } from './workspace-access.js';

export type { Workspace } from './workspace-access.js';

export interface WorkspaceView extends Workspace {
  readonly role: Role;
  /** What the caller may do here, so clients can show or hide actions. */
  readonly permissions: Readonly<Record<WorkspacePermission, boolean>>;
}

export type WorkspacePermission = 'update' | 'delete' | 'manageMembers' | 'manageInvites' | 'manageTemplates' | 'readAudit';

export interface NewWorkspace {
  readonly name: string;
  /** Upper-case prefix of spec numbers, e.g. SPEC in SPEC-42. */
  readonly key: string;
}

function view(ctx: ActorCtx, access: WorkspaceAccess, role: Role): WorkspaceView {
  const a = ctx.actor;
  const r = { role };
  return {
    ...access.workspace,
    role,
    permissions: {
      update: can(a, workspacePolicy.update, r),
      delete: can(a, workspacePolicy.delete, r),
      manageMembers: can(a, membershipPolicy.add, { ...r, target: null, next: null }),
      manageInvites: can(a, invitePolicy.create, { ...r, grants: null }),
      manageTemplates: can(a, templatePolicy.create, r),
      readAudit: can(a, workspacePolicy.readAudit, r),
    },
  };
}

/** Inserts a workspace and its first owner; used by setup and by createWorkspace. */
export async function insertWorkspace(db: Kysely<DB>, ctx: PublicCtx, input: NewWorkspace, ownerId: string): Promise<Workspace> {
  const now = nowIso(ctx.deps);
  const workspace: Workspace = { id: newId(), key: input.key, name: input.name.trim(), createdAt: now, updatedAt: now };
  try {
    await db.insertInto('workspaces').values(workspace).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('workspace_key_taken', `The key ${input.key} is already used by another workspace`);
    throw error;
  }
  await db.insertInto('memberships').values({ workspaceId: workspace.id, userId: ownerId, role: 'owner', createdAt: now, updatedAt: now }).execute();
  await recordAudit(db, ctx, {
    workspaceId: workspace.id,
    actorId: ownerId,
    action: 'workspace.created',
    targetType: 'workspace',
    targetId: workspace.id,
    after: { key: workspace.key, name: workspace.name },
  });
  return workspace;
}

/** Any signed-in user may start a workspace and becomes its owner. */
export async function createWorkspace(ctx: ActorCtx, input: NewWorkspace): Promise<WorkspaceView> {
  if (!scopeAllows(ctx.actor.scopes, 'admin')) throw new ForbiddenError('insufficient_scope', 'This API token needs the "admin" scope');
  const workspace = await ctx.deps.db.transaction().execute((trx) => insertWorkspace(trx, ctx, input, ctx.actor.userId));
  return view(ctx, { workspace, role: 'owner' }, 'owner');
}

/** Workspaces the caller belongs to, oldest first. */
export async function listWorkspaces(ctx: ActorCtx, page: PageRequest): Promise<Page<WorkspaceView>> {
  if (!scopeAllows(ctx.actor.scopes, 'read')) throw new ForbiddenError('insufficient_scope');
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db
    .selectFrom('workspaces')
    .innerJoin('memberships', 'memberships.workspaceId', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.key', 'workspaces.name', 'workspaces.createdAt', 'workspaces.updatedAt', 'memberships.role'])
    .where('memberships.userId', '=', ctx.actor.userId)
    .orderBy('workspaces.id')
    .limit(limit + 1);
  if (after !== null) query = query.where('workspaces.id', '>', after);
  const rows = await query.execute();
  return toPage(
    rows.map(({ role, ...workspace }) => view(ctx, { workspace, role }, role)),
    limit,
    (w) => w.id,
  );
}

export async function getWorkspace(ctx: ActorCtx, ref: string): Promise<WorkspaceView> {
  const access = await workspaceAccess(ctx, ref);
  authorize(ctx.actor, workspacePolicy.read, access);
  return view(ctx, access, access.role ?? 'viewer');
}

export async function updateWorkspace(ctx: ActorCtx, ref: string, input: { name?: string | undefined }): Promise<WorkspaceView> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, workspacePolicy.update, access);
    if (input.name === undefined) return view(ctx, access, access.role ?? 'viewer');
    const updated = { ...access.workspace, name: input.name.trim(), updatedAt: nowIso(ctx.deps) };
    await trx.updateTable('workspaces').set({ name: updated.name, updatedAt: updated.updatedAt }).where('id', '=', updated.id).execute();
    await recordAudit(trx, ctx, {
      workspaceId: updated.id,
      action: 'workspace.updated',
      targetType: 'workspace',
      targetId: updated.id,
      before: { name: access.workspace.name },
      after: { name: updated.name },
    });
    return view(ctx, { workspace: updated, role: access.role }, access.role ?? 'viewer');
  });
}

/** Deletes the workspace and everything in it (the audit trail stays). */
export async function deleteWorkspace(ctx: ActorCtx, ref: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, workspacePolicy.delete, access);
    await trx.deleteFrom('workspaces').where('id', '=', access.workspace.id).execute();
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'workspace.deleted',
      targetType: 'workspace',
      targetId: access.workspace.id,
      before: { key: access.workspace.key, name: access.workspace.name },
    });
  });
}
