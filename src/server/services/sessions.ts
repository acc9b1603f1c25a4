import { ForbiddenError, UnauthenticatedError } from '../errors/index.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { recordEvent, sessionRevokedEvent } from '../events/write.js';
import { recordAudit } from './audit.js';
import { isoAfter, nowIso, type Actor, type ActorCtx, type PublicCtx, type ServiceDeps } from './context.js';
import { newId, newSecret, sha256Hex, verifyPassword } from './secrets.js';
import { findUserByEmail, type User } from './users.js';

export interface NewSession {
  /** The secret for the cookie; only its SHA-256 is stored. */
  readonly token: string;
  readonly expiresAt: string;
}

const SESSION_PREFIX = 'sbs_';
// Writing last_seen_at on every request would turn reads into writes.
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export async function createSession(db: Kysely<DB>, ctx: PublicCtx, userId: string): Promise<NewSession> {
  const token = newSecret(SESSION_PREFIX);
  const now = nowIso(ctx.deps);
  const expiresAt = isoAfter(now, ctx.deps.settings.sessionTtlHours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      id: newId(),
      userId,
      tokenHash: sha256Hex(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
      userAgent: ctx.meta.userAgent?.slice(0, 512) ?? null,
      ip: ctx.meta.ip,
    })
    .execute();
  return { token, expiresAt };
}

/** Password sign-in; the same invalid_credentials whether the email or the password is wrong. */
export async function signIn(ctx: PublicCtx, input: { email: string; password: string }): Promise<{ user: User; session: NewSession }> {
  const found = await findUserByEmail(ctx.deps.db, input.email);
  const ok = await verifyPassword(found?.passwordHash ?? null, input.password);
  if (found === undefined || !ok) throw new UnauthenticatedError('invalid_credentials');
  if (found.disabledAt !== null) throw new UnauthenticatedError('invalid_credentials', 'This account is disabled');
  const { passwordHash: _hash, disabledAt: _disabled, ...user } = found;
  const session = await createSession(ctx.deps.db, ctx, user.id);
  return { user, session };
}

/** The actor behind a session cookie, or null when it is unknown, expired or revoked. */
export async function authenticateSession(deps: ServiceDeps, token: string): Promise<Actor | null> {
  if (!token.startsWith(SESSION_PREFIX)) return null;
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.id', 'sessions.userId', 'sessions.expiresAt', 'sessions.revokedAt', 'sessions.lastSeenAt', 'users.disabledAt'])
    .where('sessions.tokenHash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (row === undefined || row.revokedAt !== null || row.disabledAt !== null || row.expiresAt <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
    await deps.db.updateTable('sessions').set({ lastSeenAt: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { userId: row.userId, via: 'session', scopes: null, sessionId: row.id, tokenId: null };
}

/**
 * Revokes the session behind this cookie value, if any (signing out twice is fine). The
 * session.revoked event makes every node re-check that user's live connections at once, so the
 * ones opened with this session close (4401) instead of at the next periodic re-check.
 */
export async function signOut(deps: ServiceDeps, token: string): Promise<void> {
  const now = nowIso(deps);
  await deps.db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('sessions').select(['id', 'userId']).where('tokenHash', '=', sha256Hex(token)).where('revokedAt', 'is', null).executeTakeFirst();
    if (session === undefined) return;
    await trx.updateTable('sessions').set({ revokedAt: now }).where('id', '=', session.id).where('revokedAt', 'is', null).execute();
    await recordEvent(trx, sessionRevokedEvent(session.userId, 'sign_out', now));
  });
}

/** Revokes every session of the actor's user, this one included. API tokens are not affected. */
export async function signOutEverywhere(ctx: ActorCtx): Promise<void> {
  if (ctx.actor.via !== 'session') throw new ForbiddenError('session_required');
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('sessions')
      .set({ revokedAt: nowIso(ctx.deps) })
      .where('userId', '=', ctx.actor.userId)
      .where('revokedAt', 'is', null)
      .execute();
    await recordAudit(trx, ctx, { workspaceId: null, action: 'user.signed_out_everywhere', targetType: 'user', targetId: ctx.actor.userId });
    // Live connections of those sessions close at once (see signOut).
    await recordEvent(trx, sessionRevokedEvent(ctx.actor.userId, 'sign_out_everywhere', nowIso(ctx.deps)));
  });
}
