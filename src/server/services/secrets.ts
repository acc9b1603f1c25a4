import { hash as oneShotHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { v7 as uuidv7 } from 'uuid';

/** New primary key: UUIDv7, so ids sort by creation time. */
export function newId(): string {
  return uuidv7();
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
