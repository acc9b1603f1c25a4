import type { Kysely } from 'kysely';
import type { DB, Scope } from '../db/index.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every service needs, built once per process. Services never see HTTP. */
export interface ServiceDeps {
  readonly db: Kysely<DB>;
  readonly clock: Clock;
  readonly settings: ServiceSettings;
}

export interface ServiceSettings {
  readonly sessionTtlHours: number;
  readonly inviteTtlHours: number;
  /**
   * Remember authenticated API tokens in this process. Only safe while this process sees every
   * revocation: off when REDIS_URL says other nodes may share the database (until revocations
   * travel over the event bus).
   */
  readonly cacheTokens: boolean;
  /** Webhook targets on private and loopback addresses are allowed (WEBHOOKS_ALLOW_PRIVATE). */
  readonly webhooksAllowPrivate?: boolean;
}

/** Who is acting, however they authenticated. */
export interface Actor {
  readonly userId: string;
  readonly via: 'session' | 'token';
  /** Token scopes; null for a session, which may do whatever the user's roles allow. */
  readonly scopes: readonly Scope[] | null;
  readonly sessionId: string | null;
  readonly tokenId: string | null;
}

/** Where a call came from, for the audit trail and session records. */
export interface RequestMeta {
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly userAgent: string | null;
}

/** Context of an operation anyone may attempt (setup, sign-in, accepting an invite). */
export interface PublicCtx {
  readonly deps: ServiceDeps;
  readonly meta: RequestMeta;
}

/** Context of an operation done by a signed-in user or an API token. */
export interface ActorCtx extends PublicCtx {
  readonly actor: Actor;
}

export const NO_META: RequestMeta = { ip: null, requestId: null, userAgent: null };

/** ISO 8601 UTC, the one timestamp format stored in every table. */
export function nowIso(deps: ServiceDeps): string {
  return deps.clock.now().toISOString();
}

/** `ms` after an ISO timestamp; takes the start so a row's created and expiry times agree exactly. */
export function isoAfter(fromIso: string, ms: number): string {
  return new Date(Date.parse(fromIso) + ms).toISOString();
}
