// The serializer of /graphql answers. Mercurius declares `data` as any object, which the
// schema-compiled serializer walks generically; and a spec's Markdown (often tens of KB, often
// not ASCII) would be escaped and UTF-8 encoded again on every request, which costs more than the
// query itself (bench/graphql.bench.ts). Here large strings are escaped and encoded once and kept
// by content (REST keeps its serialized spec body per revision the same way), the rest is
// JSON.stringify's output.

/** Strings at least this long are kept encoded. */
const LARGE = 8 * 1024;
/** How many encoded strings are kept (least recently used go first). */
const KEEP = 64;

const encoded = new Map<string, Buffer>();

function encode(text: string): Buffer {
  const hit = encoded.get(text);
  if (hit !== undefined) {
    // Refresh its place in the LRU order.
    encoded.delete(text);
    encoded.set(text, hit);
    return hit;
  }
  const bytes = Buffer.from(JSON.stringify(text), 'utf8');
  encoded.set(text, bytes);
  if (encoded.size > KEEP) {
    const oldest = encoded.keys().next();
    if (oldest.done !== true) encoded.delete(oldest.value);
  }
  return bytes;
}

class Writer {
  private readonly parts: Buffer[] = [];
  private text = '';

  raw(json: string): void {
    this.text += json;
  }

  bytes(chunk: Buffer): void {
    if (this.text !== '') this.parts.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
    this.parts.push(chunk);
  }

  finish(): Buffer | string {
    if (this.parts.length === 0) return this.text;
    if (this.text !== '') this.parts.push(Buffer.from(this.text, 'utf8'));
    return Buffer.concat(this.parts);
  }
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** Writes `value` as JSON.stringify would (undefined and functions in objects are left out). */
function write(out: Writer, value: unknown): void {
  if (typeof value === 'string') {
    if (value.length >= LARGE) out.bytes(encode(value));
    else out.raw(JSON.stringify(value));
    return;
  }
  if (typeof value !== 'object' || value === null || hasToJson(value)) {
    out.raw(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    out.raw('[');
    value.forEach((item: unknown, i) => {
      if (i > 0) out.raw(',');
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out.raw('null');
      else write(out, item);
    });
    out.raw(']');
    return;
  }
  out.raw('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.raw(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    write(out, item);
  }
  out.raw('}');
}

/** A GraphQL answer as JSON: a string, or bytes when it holds a large string. */
export function serializeGraphqlAnswer(value: unknown): Buffer | string {
  const out = new Writer();
  write(out, value);
  return out.finish();
}
