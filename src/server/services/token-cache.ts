import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import type { Actor } from './context.js';

/**
 * What authenticating an API token found, kept so the next request with the same secret needs no
 * query. Expiry is checked on every use; revocation (and anything else that makes a token stop
 * working) must call dropToken/dropUser right after its transaction commits. Only tokens that
 * authenticated are kept: unknown secrets cannot fill the cache.
 */
export interface CachedToken {
  readonly actor: Actor & { readonly tokenId: string };
  readonly expiresAt: string | null;
  /** When last_used_at was last written (ms since epoch), or null if never. */
  lastUsedMs: number | null;
}

const MAX_ENTRIES = 10_000;

class TokenCache {
  private readonly bySecretHash = new Map<string, CachedToken>();
  // Bumped by every drop: a lookup that started before a drop must not put what it read (the row
  // may predate the revocation that caused the drop).
  private generation = 0;

  get(secretHash: string): CachedToken | undefined {
    return this.bySecretHash.get(secretHash);
  }

  /** The generation to pass to put() for a lookup starting now. */
  begin(): number {
    return this.generation;
  }

  put(secretHash: string, entry: CachedToken, startedAt: number): void {
    if (startedAt !== this.generation) return;
    this.bySecretHash.delete(secretHash);
    this.bySecretHash.set(secretHash, entry);
    // Oldest first: insertion order.
    for (const key of this.bySecretHash.keys()) {
      if (this.bySecretHash.size <= MAX_ENTRIES) break;
      this.bySecretHash.delete(key);
    }
  }

  delete(secretHash: string): void {
    this.bySecretHash.delete(secretHash);
  }

  /** Forgets a token (revoked, deleted). */
  dropToken(tokenId: string): void {
    this.dropWhere((entry) => entry.actor.tokenId === tokenId);
  }

  /** Forgets every token of a user (disabled, deleted). */
  dropUser(userId: string): void {
    this.dropWhere((entry) => entry.actor.userId === userId);
  }

  private dropWhere(matches: (entry: CachedToken) => boolean): void {
    this.generation += 1;
    for (const [key, entry] of this.bySecretHash) if (matches(entry)) this.bySecretHash.delete(key);
  }
}

const caches = new WeakMap<Kysely<DB>, TokenCache>();

/** The token cache of one database handle (one per app; tests run several apps in a process). */
export function tokenCache(db: Kysely<DB>): TokenCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new TokenCache();
    caches.set(db, cache);
  }
  return cache;
}
