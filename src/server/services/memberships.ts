import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.js';
import { ConflictError, NotFoundError } from '../errors/index.js';
import { authorize, membershipPolicy } from '../policies/index.js';
import { recordAudit } from './audit.js';
import { nowIso, type ActorCtx, type PublicCtx } from './context.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { createAccount, type NewAccount } from './users.js';
import { workspaceAccess } from './workspace-access.js';
import { membershipEvent, recordEvent } from '../events/write.js';

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly joinedAt: string;
}

async function loadMember(db: Kysely<DB>, workspaceId: string, userId: string): Promise<Member | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.createdAt as joinedAt'])
    .where('memberships.workspaceId', '=', workspaceId)
    .where('memberships.userId', '=', userId)
    .executeTakeFirst();
}

async function ownerCount(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('workspaceId', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds a user to a workspace (inside the caller's transaction); already_member if present. */
export async function insertMembership(db: Kysely<DB>, ctx: PublicCtx, workspaceId: string, userId: string, role: Role): Promise<void> {
  const existing = await db
    .selectFrom('memberships')
    .select('role')
    .where('workspaceId', '=', workspaceId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (existing !== undefined) throw new ConflictError('already_member', 'This person is already a member of the workspace');
  const now = nowIso(ctx.deps);
  await db.insertInto('memberships').values({ workspaceId, userId, role, createdAt: now, updatedAt: now }).execute();
  await recordAudit(db, ctx, { workspaceId, action: 'member.added', targetType: 'user', targetId: userId, after: { role } });
}

export async function listMembers(ctx: ActorCtx, ref: string, page: PageRequest): Promise<Page<Member>> {
  const access = await workspaceAccess(ctx, ref);
  authorize(ctx.actor, membershipPolicy.list, { role: access.role, target: null, next: null });
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.userId')
    .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.createdAt as joinedAt'])
    .where('memberships.workspaceId', '=', access.workspace.id)
    .orderBy('memberships.userId')
    .limit(limit + 1);
  if (after !== null) query = query.where('memberships.userId', '>', after);
  return toPage(await query.execute(), limit, (m) => m.userId);
}

/** An admin creates someone's account directly and adds it to the workspace. */
export async function addMemberWithNewAccount(ctx: ActorCtx, ref: string, input: NewAccount & { role: Role }): Promise<Member> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, membershipPolicy.add, { role: access.role, target: null, next: input.role });
    const user = await createAccount(trx, ctx.deps, input);
    await insertMembership(trx, ctx, access.workspace.id, user.id, input.role);
    const member = await loadMember(trx, access.workspace.id, user.id);
    if (member === undefined) throw new NotFoundError('Member');
    return member;
  });
}

export async function changeMemberRole(ctx: ActorCtx, ref: string, userId: string, role: Role): Promise<Member> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, membershipPolicy.list, { role: access.role, target: null, next: null });
    const member = await loadMember(trx, access.workspace.id, userId);
    if (member === undefined) throw new NotFoundError('Member');
    authorize(ctx.actor, membershipPolicy.changeRole, { role: access.role, target: member.role, next: role });
    if (member.role === role) return member;
    if (member.role === 'owner' && (await ownerCount(trx, access.workspace.id)) <= 1) {
      throw new ConflictError('last_owner', 'Make someone else an owner first');
    }
    await trx
      .updateTable('memberships')
      .set({ role, updatedAt: nowIso(ctx.deps) })
      .where('workspaceId', '=', access.workspace.id)
      .where('userId', '=', userId)
      .execute();
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      before: { role: member.role },
      after: { role },
    });
    await recordEvent(trx, membershipEvent(ctx, access.workspace.id, userId, role));
    return { ...member, role };
  });
}

export async function removeMember(ctx: ActorCtx, ref: string, userId: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, membershipPolicy.list, { role: access.role, target: null, next: null });
    const member = await loadMember(trx, access.workspace.id, userId);
    if (member === undefined) throw new NotFoundError('Member');
    authorize(ctx.actor, membershipPolicy.remove, { role: access.role, target: member.role, next: null });
    if (member.role === 'owner' && (await ownerCount(trx, access.workspace.id)) <= 1) {
      throw new ConflictError('last_owner', 'Make someone else an owner first');
    }
    await trx.deleteFrom('memberships').where('workspaceId', '=', access.workspace.id).where('userId', '=', userId).execute();
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'member.removed',
      targetType: 'user',
      targetId: userId,
      before: { role: member.role },
    });
    await recordEvent(trx, membershipEvent(ctx, access.workspace.id, userId, null));
  });
}
