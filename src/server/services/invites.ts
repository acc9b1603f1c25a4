import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/index.js';
import { ForbiddenError, GoneError, NotFoundError } from '../errors/index.js';
import { authorize, invitePolicy } from '../policies/index.js';
import { recordAudit } from './audit.js';
import { isoAfter, nowIso, type Actor, type ActorCtx, type PublicCtx } from './context.js';
import { insertMembership } from './memberships.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { newId, newSecret, sha256Hex } from './secrets.js';
import { createSession, type NewSession } from './sessions.js';
import { createAccount, normalizeEmail, type NewAccount, type User } from './users.js';
import { workspaceAccess } from './workspace-access.js';

export type InviteStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export interface Invite {
  readonly id: string;
  readonly workspaceId: string;
  readonly role: Role;
  /** When set, only this address can accept. */
  readonly email: string | null;
  readonly status: InviteStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
}

export interface InvitePreview {
  readonly workspace: { readonly key: string; readonly name: string };
  readonly role: Role;
  readonly email: string | null;
  readonly expiresAt: string;
}

type InviteRow = Omit<Invite, 'status'> & { revokedAt: string | null };

const INVITE_PREFIX = 'sbi_';
const INVITE_COLUMNS = ['id', 'workspaceId', 'role', 'email', 'createdBy', 'createdAt', 'expiresAt', 'acceptedAt', 'acceptedBy', 'revokedAt'] as const;

function statusOf(row: InviteRow, now: string): InviteStatus {
  if (row.revokedAt !== null) return 'revoked';
  if (row.acceptedAt !== null) return 'accepted';
  return row.expiresAt <= now ? 'expired' : 'pending';
}

function present(row: InviteRow, now: string): Invite {
  const { revokedAt: _revoked, ...rest } = row;
  return { ...rest, status: statusOf(row, now) };
}

export async function listInvites(ctx: ActorCtx, ref: string, page: PageRequest): Promise<Page<Invite>> {
  const access = await workspaceAccess(ctx, ref);
  authorize(ctx.actor, invitePolicy.list, { role: access.role, grants: null });
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db
    .selectFrom('invites')
    .select(INVITE_COLUMNS)
    .where('workspaceId', '=', access.workspace.id)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (after !== null) query = query.where('id', '<', after);
  const now = nowIso(ctx.deps);
  return toPage((await query.execute()).map((r) => present(r, now)), limit, (i) => i.id);
}

/** Creates a single-use invite; the secret token is returned once (the API turns it into a link). */
export async function createInvite(
  ctx: ActorCtx,
  ref: string,
  input: { role: Role; email?: string | undefined; expiresInHours?: number | undefined },
): Promise<{ invite: Invite; token: string }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, invitePolicy.create, { role: access.role, grants: input.role });
    const token = newSecret(INVITE_PREFIX);
    const hours = input.expiresInHours ?? ctx.deps.settings.inviteTtlHours;
    const createdAt = nowIso(ctx.deps);
    const row: InviteRow = {
      id: newId(),
      workspaceId: access.workspace.id,
      role: input.role,
      email: input.email === undefined ? null : normalizeEmail(input.email),
      createdBy: ctx.actor.userId,
      createdAt,
      expiresAt: isoAfter(createdAt, hours * 3_600_000),
      acceptedAt: null,
      acceptedBy: null,
      revokedAt: null,
    };
    await trx.insertInto('invites').values({ ...row, tokenHash: sha256Hex(token) }).execute();
    await recordAudit(trx, ctx, {
      workspaceId: access.workspace.id,
      action: 'invite.created',
      targetType: 'invite',
      targetId: row.id,
      after: { role: row.role, email: row.email, expiresAt: row.expiresAt },
    });
    return { invite: present(row, row.createdAt), token };
  });
}

export async function revokeInvite(ctx: ActorCtx, ref: string, inviteId: string): Promise<void> {
  await ctx.deps.db.transaction().execute(async (trx) => {
    const access = await workspaceAccess(ctx, ref, trx);
    authorize(ctx.actor, invitePolicy.revoke, { role: access.role, grants: null });
    const row = await trx.selectFrom('invites').select(INVITE_COLUMNS).where('id', '=', inviteId).where('workspaceId', '=', access.workspace.id).executeTakeFirst();
    if (row === undefined) throw new NotFoundError('Invite');
    if (row.revokedAt !== null || row.acceptedAt !== null) return;
    await trx.updateTable('invites').set({ revokedAt: nowIso(ctx.deps) }).where('id', '=', inviteId).execute();
    await recordAudit(trx, ctx, { workspaceId: access.workspace.id, action: 'invite.revoked', targetType: 'invite', targetId: inviteId, before: { role: row.role } });
  });
}

/** Loads a usable invite by its secret, or throws not_found / invite_expired / invite_used / invite_revoked. */
async function usableInvite(db: Kysely<DB>, ctx: PublicCtx, token: string): Promise<InviteRow> {
  const row = await db.selectFrom('invites').select(INVITE_COLUMNS).where('tokenHash', '=', sha256Hex(token)).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('Invite');
  const status = statusOf(row, nowIso(ctx.deps));
  if (status === 'revoked') throw new GoneError('invite_revoked', 'This invite was revoked; ask for a new one');
  if (status === 'accepted') throw new GoneError('invite_used', 'This invite has already been used');
  if (status === 'expired') throw new GoneError('invite_expired', 'This invite has expired; ask for a new one');
  return row;
}

/** What the invite page shows before accepting. */
export async function previewInvite(ctx: PublicCtx, token: string): Promise<InvitePreview> {
  const row = await usableInvite(ctx.deps.db, ctx, token);
  const ws = await ctx.deps.db.selectFrom('workspaces').select(['key', 'name']).where('id', '=', row.workspaceId).executeTakeFirstOrThrow();
  return { workspace: ws, role: row.role, email: row.email, expiresAt: row.expiresAt };
}

export type AcceptInput = { account: NewAccount } | { actor: Actor };

/**
 * Uses the invite: creates the account (and signs it in) or adds the signed-in user. Single use,
 * even under concurrent attempts: the claim is a conditional update.
 */
export async function acceptInvite(
  ctx: PublicCtx,
  token: string,
  input: AcceptInput,
): Promise<{ user: User; workspace: { id: string; key: string; name: string }; role: Role; session: NewSession | null }> {
  return ctx.deps.db.transaction().execute(async (trx) => {
    const row = await usableInvite(trx, ctx, token);
    const now = nowIso(ctx.deps);
    let user: User;
    if ('account' in input) {
      if (row.email !== null && normalizeEmail(input.account.email) !== row.email) {
        throw new ForbiddenError('invite_email_mismatch', 'This invite is for a different email address');
      }
      user = await createAccount(trx, ctx.deps, input.account);
    } else {
      const found = await trx.selectFrom('users').select(['id', 'email', 'name', 'createdAt']).where('id', '=', input.actor.userId).executeTakeFirst();
      if (found === undefined) throw new NotFoundError('User');
      if (row.email !== null && found.email !== row.email) throw new ForbiddenError('invite_email_mismatch', 'This invite is for a different email address');
      user = found;
    }
    const claimed = await trx
      .updateTable('invites')
      .set({ acceptedAt: now, acceptedBy: user.id })
      .where('id', '=', row.id)
      .where('acceptedAt', 'is', null)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new GoneError('invite_used', 'This invite has already been used');
    const actorCtx = { ...ctx, actor: { userId: user.id, via: 'session' as const, scopes: null, sessionId: null, tokenId: null } };
    await insertMembership(trx, actorCtx, row.workspaceId, user.id, row.role);
    await recordAudit(trx, actorCtx, { workspaceId: row.workspaceId, action: 'invite.accepted', targetType: 'invite', targetId: row.id, after: { userId: user.id, role: row.role } });
    const workspace = await trx.selectFrom('workspaces').select(['id', 'key', 'name']).where('id', '=', row.workspaceId).executeTakeFirstOrThrow();
    const session = 'account' in input ? await createSession(trx, ctx, user.id) : null;
    return { user, workspace, role: row.role, session };
  });
}
