import { hash as oneShotHash, randomBytes, randomFillSync } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { v7 as uuidv7 } from 'uuid';

// uuid's own v7 asks WebCrypto for 16 random bytes per id (about 7 us); these are drawn from a
// pool filled 256 ids at a time. The timestamp and counter follow uuid's rule (a counter seeded
// from the random bytes, incremented within a millisecond), so ids still sort by creation time.
const POOL_IDS = 256;
const pool = new Uint8Array(16 * POOL_IDS);
let poolAt = pool.length;
const v7State = { msecs: -Infinity, seq: 0 };

/** New primary key: UUIDv7, so ids sort by creation time. */
export function newId(): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const random = pool.subarray(poolAt, (poolAt += 16));
  const now = Date.now();
  if (now > v7State.msecs) {
    v7State.seq = (((random[6] ?? 0) & 0x7f) << 24) | ((random[7] ?? 0) << 16) | ((random[8] ?? 0) << 8) | (random[9] ?? 0);
    v7State.msecs = now;
  } else {
    v7State.seq = (v7State.seq + 1) | 0;
    if (v7State.seq === 0) v7State.msecs += 1;
  }
  return uuidv7({ random, msecs: v7State.msecs, seq: v7State.seq });
}

/** A high-entropy secret: prefix + 32 random bytes, base64url. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** What we store instead of a secret: its SHA-256, hex. */
export function sha256Hex(value: string): string {
  // The one-shot form skips the Hash object: this runs on every API-token request.
  return oneShotHash('sha256', value, 'hex');
}

// Algorithm.Argon2id; the package exports a const enum, which isolatedModules cannot import.
const ARGON2ID = 2;

/** Argon2id hash (PHC string, with its own salt and parameters). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against this when the email is unknown keeps sign-in timing the same either way.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
