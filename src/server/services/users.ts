import type { Kysely } from 'kysely';
import { isUniqueViolation, type DB, type Role } from '../db/index.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { scopeAllows } from '../policies/index.js';
import { recordEvent, sessionRevokedEvent } from '../events/write.js';
import { recordAudit } from './audit.js';
import { nowIso, type ActorCtx, type ServiceDeps } from './context.js';
import { hashPassword, newId, verifyPassword } from './secrets.js';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Me extends User {
  readonly memberships: { workspaceId: string; workspaceKey: string; workspaceName: string; role: Role }[];
}

export interface NewAccount {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

/** Emails are compared case-insensitively; this is the stored form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates a user account; callers decide who may (setup, an admin adding a member, an invite, the CLI).
 * Throws email_taken when the address is in use.
 */
export async function createAccount(db: Kysely<DB>, deps: ServiceDeps, input: NewAccount): Promise<User> {
  const name = input.name.trim();
  if (name === '') throw ValidationError.field('name', 'too_short', 'must not be blank');
  const now = nowIso(deps);
  const user = { id: newId(), email: normalizeEmail(input.email), name, createdAt: now };
  const passwordHash = await hashPassword(input.password);
  try {
    await db.insertInto('users').values({ ...user, passwordHash, updatedAt: now, disabledAt: null }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('email_taken', `${user.email} already has an account`);
    throw error;
  }
  return user;
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<(User & { passwordHash: string; disabledAt: string | null }) | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'createdAt', 'passwordHash', 'disabledAt'])
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User> {
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'createdAt']).where('id', '=', id).executeTakeFirst();
  if (user === undefined) throw new NotFoundError('User');
  return user;
}

/** The signed-in user with every workspace they belong to. */
export async function getMe(ctx: ActorCtx): Promise<Me> {
  const user = await getUser(ctx.deps.db, ctx.actor.userId);
  const memberships = await ctx.deps.db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspaceId')
    .select(['workspaces.id as workspaceId', 'workspaces.key as workspaceKey', 'workspaces.name as workspaceName', 'memberships.role'])
    .where('memberships.userId', '=', ctx.actor.userId)
    .orderBy('workspaces.id')
    .execute();
  return { ...user, memberships };
}

export async function updateMe(ctx: ActorCtx, input: { name?: string | undefined }): Promise<User> {
  if (!scopeAllows(ctx.actor.scopes, 'write')) throw new ForbiddenError('insufficient_scope', 'This API token needs the "write" scope');
  if (input.name !== undefined) {
    const name = input.name.trim();
    if (name === '') throw ValidationError.field('name', 'too_short', 'must not be blank');
    await ctx.deps.db.updateTable('users').set({ name, updatedAt: nowIso(ctx.deps) }).where('id', '=', ctx.actor.userId).execute();
  }
  return getUser(ctx.deps.db, ctx.actor.userId);
}

/** Changes the password and signs out every other session (the current one stays). */
export async function changePassword(ctx: ActorCtx, input: { currentPassword: string; newPassword: string }): Promise<void> {
  if (ctx.actor.via !== 'session') throw new ForbiddenError('session_required');
  const row = await ctx.deps.db.selectFrom('users').select('passwordHash').where('id', '=', ctx.actor.userId).executeTakeFirst();
  if (row === undefined || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new BadRequestError('wrong_password', 'currentPassword is not your current password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = nowIso(ctx.deps);
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, updatedAt: now }).where('id', '=', ctx.actor.userId).execute();
    let others = trx.updateTable('sessions').set({ revokedAt: now }).where('userId', '=', ctx.actor.userId).where('revokedAt', 'is', null);
    if (ctx.actor.sessionId !== null) others = others.where('id', '!=', ctx.actor.sessionId);
    await others.execute();
    await recordAudit(trx, ctx, { workspaceId: null, action: 'user.password_changed', targetType: 'user', targetId: ctx.actor.userId });
    // Live connections of the revoked sessions close at once (see signOut in sessions.ts).
    await recordEvent(trx, sessionRevokedEvent(ctx.actor.userId, 'password_changed', now));
  });
}
