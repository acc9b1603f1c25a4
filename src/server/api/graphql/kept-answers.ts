// The /graphql answers kept whole (see serialize.ts): the bytes of an answer holding large parts,
// found again by the first large part (an object: the lookup hashes no text) and then by the
// answer's text around its large parts, compared as a string. Keyed by that text in a Map, every
// request hashed a new string of about a kilobyte: a third of the serializer's time.

/** How many answers are kept, and at most how many bytes in all; a larger answer is not kept. */
const KEEP = 32;
const KEEP_BYTES = 16 * 1024 * 1024;
const MAX_BYTES = 1024 * 1024;

interface Kept {
  readonly text: string;
  readonly large: readonly Buffer[];
  readonly bytes: Buffer;
  /** Found since the eviction sweep last passed it (the clock algorithm: spared once). */
  used: boolean;
}

const byFirstLarge = new Map<Buffer, Kept[]>();
/** Every kept answer, oldest first. */
const queue: Kept[] = [];
let keptBytes = 0;

function sameParts(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** The bytes kept for this text around these large parts (the same Buffers, by identity), if any. */
export function findKept(text: string, large: readonly Buffer[]): Buffer | undefined {
  const first = large[0];
  const candidates = first === undefined ? undefined : byFirstLarge.get(first);
  if (candidates === undefined) return undefined;
  for (const kept of candidates) {
    if (kept.text === text && sameParts(kept.large, large)) {
      kept.used = true;
      return kept.bytes;
    }
  }
  return undefined;
}

/** Keeps an answer's bytes when they fit, then evicts the least recently found beyond the limits. */
export function keep(text: string, large: readonly Buffer[], bytes: Buffer): void {
  const first = large[0];
  if (first === undefined || bytes.length > MAX_BYTES) return;
  const kept: Kept = { text, large, bytes, used: false };
  const candidates = byFirstLarge.get(first);
  if (candidates === undefined) byFirstLarge.set(first, [kept]);
  else candidates.push(kept);
  queue.push(kept);
  keptBytes += bytes.length;
  while (queue.length > KEEP || keptBytes > KEEP_BYTES) {
    const oldest = queue.shift() as Kept;
    if (oldest.used) {
      oldest.used = false;
      queue.push(oldest);
    } else {
      drop(oldest);
    }
  }
}

function drop(kept: Kept): void {
  keptBytes -= kept.bytes.length;
  const first = kept.large[0] as Buffer;
  const rest = (byFirstLarge.get(first) ?? []).filter((other) => other !== kept);
  if (rest.length === 0) byFirstLarge.delete(first);
  else byFirstLarge.set(first, rest);
}

/** How many answers are kept and their bytes (for tests of the limits). */
export function keptStats(): { answers: number; bytes: number } {
  return { answers: queue.length, bytes: keptBytes };
}
