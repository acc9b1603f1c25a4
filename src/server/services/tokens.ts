import type { Scope } from '../db/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { SCOPES } from '../policies/index.js';
import { recordAudit } from './audit.js';
import { nowIso, type Actor, type ActorCtx, type ServiceDeps } from './context.js';
import { pageWindow, toPage, type Page, type PageRequest } from './pagination.js';
import { newId, newSecret, sha256Hex } from './secrets.js';
import { tokenCache } from './token-cache.js';
import { recordEvent, tokenRevokedEvent } from '../events/write.js';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  /** Start of the secret, to tell tokens apart; never enough to use it. */
  readonly prefix: string;
  readonly scopes: Scope[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface NewApiToken {
  readonly name: string;
  readonly scopes: readonly Scope[];
  /** ISO timestamp in the future, or null for a token that does not expire. */
  readonly expiresAt: string | null;
}

const TOKEN_PREFIX = 'sb_';
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
const LAST_USED_RESOLUTION_MS = 60 * 1000;

type TokenRow = {
  id: string;
  name: string;
  tokenPrefix: string;
  scopes: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

function present(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    scopes: parseScopes(row.scopes),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

function parseScopes(json: string): Scope[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? SCOPES.filter((s) => parsed.includes(s)) : [];
}

// Managing tokens with a token would let a leaked token mint itself a longer life.
function requireSession(actor: Actor): void {
  if (actor.via !== 'session') throw new ForbiddenError('session_required', 'API tokens are managed from a sign-in session');
}

/** The caller's own tokens, newest first (revoked and expired ones included, marked as such). */
export async function listTokens(ctx: ActorCtx, page: PageRequest): Promise<Page<ApiToken>> {
  requireSession(ctx.actor);
  const { limit, after } = pageWindow(page);
  let query = ctx.deps.db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'tokenPrefix', 'scopes', 'createdAt', 'expiresAt', 'revokedAt', 'lastUsedAt'])
    .where('userId', '=', ctx.actor.userId)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (after !== null) query = query.where('id', '<', after);
  return toPage((await query.execute()).map(present), limit, (t) => t.id);
}

/** Creates a personal API token; the secret is returned here and never again. */
export async function createToken(ctx: ActorCtx, input: NewApiToken): Promise<{ token: ApiToken; secret: string }> {
  requireSession(ctx.actor);
  const now = nowIso(ctx.deps);
  if (input.expiresAt !== null && new Date(input.expiresAt).toISOString() <= now) {
    throw ValidationError.field('expiresAt', 'invalid_value', 'must be in the future');
  }
  const scopes = SCOPES.filter((s) => input.scopes.includes(s));
  if (scopes.length === 0) throw ValidationError.field('scopes', 'too_short', 'must name at least one scope');
  const secret = newSecret(TOKEN_PREFIX);
  const row: TokenRow = {
    id: newId(),
    name: input.name.trim(),
    tokenPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
    scopes: JSON.stringify(scopes),
    createdAt: now,
    expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('apiTokens').values({ ...row, userId: ctx.actor.userId, tokenHash: sha256Hex(secret) }).execute();
    await recordAudit(trx, ctx, {
      workspaceId: null,
      action: 'token.created',
      targetType: 'api_token',
      targetId: row.id,
      after: { name: row.name, scopes, expiresAt: row.expiresAt },
    });
  });
  return { token: present(row), secret };
}

/** Revokes one of the caller's tokens; someone else's token id answers not_found. */
export async function revokeToken(ctx: ActorCtx, id: string): Promise<void> {
  requireSession(ctx.actor);
  await ctx.deps.db.transaction().execute(async (trx) => {
    const token = await trx
      .selectFrom('apiTokens')
      .select(['id', 'revokedAt', 'name'])
      .where('id', '=', id)
      .where('userId', '=', ctx.actor.userId)
      .executeTakeFirst();
    if (token === undefined) throw new NotFoundError('API token');
    if (token.revokedAt !== null) return;
    await trx.updateTable('apiTokens').set({ revokedAt: nowIso(ctx.deps) }).where('id', '=', id).execute();
    await recordAudit(trx, ctx, { workspaceId: null, action: 'token.revoked', targetType: 'api_token', targetId: id, before: { name: token.name } });
    await recordEvent(trx, tokenRevokedEvent(ctx, ctx.actor.userId, id));
  });
  // After the commit: a lookup that read the row before it cannot put it back (see TokenCache).
  tokenCache(ctx.deps.db).dropToken(id);
}

/**
 * The actor behind a bearer secret, or null when it is unknown, expired or revoked. Tokens that
 * authenticated are remembered (token-cache.ts), so a request with a known token makes no query;
 * revocation drops the entry before it answers, so the next request is refused.
 */
export async function authenticateToken(deps: ServiceDeps, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const now = deps.clock.now();
  const nowIsoText = now.toISOString();
  const cache = tokenCache(deps.db);
  const secretHash = sha256Hex(secret);
  let entry = deps.settings.cacheTokens ? cache.get(secretHash) : undefined;
  if (entry === undefined) {
    const startedAt = cache.begin();
    const row = await deps.db
      .selectFrom('apiTokens')
      .innerJoin('users', 'users.id', 'apiTokens.userId')
      .select(['apiTokens.id', 'apiTokens.userId', 'apiTokens.scopes', 'apiTokens.expiresAt', 'apiTokens.revokedAt', 'apiTokens.lastUsedAt', 'users.disabledAt'])
      .where('apiTokens.tokenHash', '=', secretHash)
      .executeTakeFirst();
    if (row === undefined || row.revokedAt !== null || row.disabledAt !== null) return null;
    const actor = { userId: row.userId, via: 'token', scopes: parseScopes(row.scopes), sessionId: null, tokenId: row.id } as const;
    entry = { actor, expiresAt: row.expiresAt, lastUsedMs: row.lastUsedAt === null ? null : Date.parse(row.lastUsedAt) };
    if (deps.settings.cacheTokens) cache.put(secretHash, entry, startedAt);
  }
  if (entry.expiresAt !== null && entry.expiresAt <= nowIsoText) {
    cache.delete(secretHash);
    return null;
  }
  if (entry.lastUsedMs === null || now.getTime() - entry.lastUsedMs > LAST_USED_RESOLUTION_MS) {
    // Set first: concurrent requests with this token write it once.
    entry.lastUsedMs = now.getTime();
    await deps.db.updateTable('apiTokens').set({ lastUsedAt: nowIsoText }).where('id', '=', entry.actor.tokenId).execute();
  }
  return entry.actor;
}
