import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../src/server/db/index.js';
import { tokenCache, type CachedToken } from '../../../src/server/services/token-cache.js';

// The cache is keyed by database handle; any distinct object stands in for one here.
const fakeDb = (): Kysely<DB> => ({}) as Kysely<DB>;

function entry(tokenId: string, userId: string): CachedToken {
  return { actor: { userId, via: 'token', scopes: ['read'], sessionId: null, tokenId }, expiresAt: null, lastUsedMs: null };
}

describe('tokenCache', () => {
  it('keeps one cache per database handle', () => {
    const a = fakeDb();
    tokenCache(a).put('h1', entry('t1', 'u1'), tokenCache(a).begin());
    expect(tokenCache(a).get('h1')?.actor.tokenId).toBe('t1');
    expect(tokenCache(fakeDb()).get('h1')).toBeUndefined();
  });

  it('drops a revoked token and every token of a user', () => {
    const cache = tokenCache(fakeDb());
    cache.put('h1', entry('t1', 'u1'), cache.begin());
    cache.put('h2', entry('t2', 'u1'), cache.begin());
    cache.put('h3', entry('t3', 'u2'), cache.begin());
    cache.dropToken('t1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toBeDefined();
    cache.dropUser('u1');
    expect(cache.get('h2')).toBeUndefined();
    expect(cache.get('h3')).toBeDefined();
  });

  it('does not keep what a lookup read before a revocation committed', () => {
    const cache = tokenCache(fakeDb());
    const startedAt = cache.begin();
    // The lookup's query ran here, seeing the token still valid; then the revocation commits.
    cache.dropToken('t1');
    cache.put('h1', entry('t1', 'u1'), startedAt);
    expect(cache.get('h1')).toBeUndefined();
  });
});
