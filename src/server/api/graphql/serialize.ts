// The serializer of /graphql answers. Mercurius declares `data` as any object, which the
// schema-compiled serializer walks generically; and a spec's Markdown (often tens of KB, often
// not ASCII) would be escaped and UTF-8 encoded again on every request, which costs more than the
// query itself (bench/graphql.bench.ts). Here large strings are escaped and encoded once and kept
// by content, values a resolver serialized already (PreSerialized: a revision's outline) are
// written as they are, and the rest is JSON.stringify's output.
//
// An answer holding large strings is kept whole too, by its text around them (REST keeps its
// serialized spec body per revision the same way): the same answer again is the same Buffer, not a
// fresh 50 KB copy for every request (the copy, its garbage and the cold write to the socket cost
// more than the query). It can never be stale: any change to the answer changes that text, or the
// large strings (compared by identity of their encoded bytes).

import { randomUUID } from 'node:crypto';
import { findKept, keep } from './kept-answers.js';

/** Strings at least this long are kept encoded. */
const LARGE = 8 * 1024;
/** Pre-serialized values at least this long are written as their bytes. */
const SMALL = 256;
/** How many encoded strings are kept (least recently used go first). */
const KEEP = 64;

/**
 * A JSON value a resolver already holds serialized (computed once, e.g. per revision): the
 * serializer writes `json` as it is. Anything else that serializes it (a subscription message)
 * gets the value through toJSON.
 */
export class PreSerialized {
  private computed = false;
  private held: unknown;
  private text: string | undefined;
  private encoded: Buffer | undefined;

  /** `compute` runs once, on first use (a query may never ask for the value). */
  constructor(private readonly compute: () => unknown) {}

  get value(): unknown {
    if (!this.computed) {
      this.held = this.compute();
      this.computed = true;
    }
    return this.held;
  }

  get json(): string {
    return (this.text ??= JSON.stringify(this.value) ?? 'null');
  }

  /** `json` as UTF-8, encoded on first use. */
  get bytes(): Buffer {
    return (this.encoded ??= Buffer.from(this.json, 'utf8'));
  }

  toJSON(): unknown {
    return this.value;
  }
}

/**
 * A map of at most `max` entries that evicts the least recently used first, approximately (the
 * clock algorithm): a hit only marks its entry, one hash of the key instead of the three of moving
 * it to the end.
 */
class Lru<K, V> {
  private readonly map = new Map<K, { value: V; used: boolean }>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const hit = this.map.get(key);
    if (hit === undefined) return undefined;
    hit.used = true;
    return hit.value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, { value, used: false });
    while (this.map.size > this.max) {
      const [oldestKey, oldest] = this.map.entries().next().value as [K, { value: V; used: boolean }];
      this.map.delete(oldestKey);
      if (oldest.used) {
        oldest.used = false;
        this.map.set(oldestKey, oldest);
      }
    }
  }
}

const encoded = new Lru<string, Buffer>(KEEP);

function encode(text: string): Buffer {
  const hit = encoded.get(text);
  if (hit !== undefined) return hit;
  const bytes = Buffer.from(JSON.stringify(text), 'utf8');
  encoded.set(text, bytes);
  return bytes;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

// The fast path: JSON.stringify (native) does the walking and escaping, with each large string or
// large pre-serialized value swapped for a marker while it runs (and put back right after), so
// none is escaped again. JSON.stringify writes the marker's NUL as \u0000, which no other text of
// an answer holds raw or escaped with this process's random tag. The marked text is also the key
// of the answers kept whole: a repeated answer costs one JSON.stringify of its small parts.
const MARK = `\u0000specboard-${randomUUID()}:`;
/** A marker as JSON.stringify writes it, up to its number: `"\u0000specboard-…:`. */
const MARK_JSON = JSON.stringify(MARK).slice(0, -1);
const markers: string[] = [];
const markerAt = (i: number): string => (markers[i] ??= `${MARK}${i}`);

interface Swap {
  readonly holder: Record<string, unknown>;
  readonly key: string;
  readonly value: unknown;
  readonly bytes: Buffer;
}

/** Finds the values to swap under `value` (objects JSON.stringify would walk into). */
function collect(value: object, swaps: Swap[]): void {
  const holder = value as Record<string, unknown>;
  for (const key of Object.keys(holder)) {
    const item = holder[key];
    if (typeof item === 'string') {
      if (item.length >= LARGE) swaps.push({ holder, key, value: item, bytes: encode(item) });
    } else if (item instanceof PreSerialized) {
      if (item.json.length >= SMALL) swaps.push({ holder, key, value: item, bytes: item.bytes });
    } else if (typeof item === 'object' && item !== null && !hasToJson(item)) {
      collect(item, swaps);
    }
  }
}

/** The bytes of a marked text: each marker replaced by its value's bytes (kept whole when it fits). */
function assemble(text: string, swaps: readonly Swap[]): Buffer {
  const large = swaps.map((swap) => swap.bytes);
  const kept = findKept(text, large);
  if (kept !== undefined) return kept;
  const parts: Buffer[] = [];
  let at = 0;
  for (let start = text.indexOf(MARK_JSON); start !== -1; start = text.indexOf(MARK_JSON, at)) {
    const close = text.indexOf('"', start + MARK_JSON.length);
    parts.push(Buffer.from(text.slice(at, start), 'utf8'), (swaps[Number(text.slice(start + MARK_JSON.length, close))] as Swap).bytes);
    at = close + 1;
  }
  parts.push(Buffer.from(text.slice(at), 'utf8'));
  const bytes = Buffer.concat(parts);
  keep(text, large, bytes);
  return bytes;
}

/** The answer through JSON.stringify with markers, or null when a value could not be swapped. */
function stringifyMarked(value: object): Buffer | string | null {
  const swaps: Swap[] = [];
  collect(value, swaps);
  if (swaps.length === 0) return JSON.stringify(value);
  let text: string;
  let swapped = 0;
  try {
    for (; swapped < swaps.length; swapped++) {
      const swap = swaps[swapped] as Swap;
      const marker = markerAt(swapped);
      // A frozen object or a getter keeps its value: leave this answer to the writer.
      if (!Reflect.set(swap.holder, swap.key, marker) || swap.holder[swap.key] !== marker) return null;
    }
    text = JSON.stringify(value);
  } finally {
    for (let i = 0; i < swapped; i++) {
      const swap = swaps[i] as Swap;
      Reflect.set(swap.holder, swap.key, swap.value);
    }
  }
  return assemble(text, swaps);
}

/**
 * A GraphQL answer as JSON: a string, or bytes when it holds a large string. An answer whose large
 * values cannot be swapped (a frozen object, a getter) is plain JSON.stringify's output: the same
 * text (PreSerialized gives its value through toJSON), only not kept.
 */
export function serializeGraphqlAnswer(value: unknown): Buffer | string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !hasToJson(value)) {
    const fast = stringifyMarked(value);
    if (fast !== null) return fast;
  }
  return JSON.stringify(value) ?? 'null';
}
