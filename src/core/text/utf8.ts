/**
 * Strict UTF-8 decoding: invalid bytes are refused (with the byte offset of the first), never
 * replaced, and a leading byte order mark is kept in the text so that writing it back is lossless.
 */

export type DecodeUtf8Result =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'invalid_utf8'; readonly offset: number; readonly line: number; readonly message: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 bytes, refusing invalid sequences rather than altering them. */
export function decodeUtf8Strict(bytes: Uint8Array): DecodeUtf8Result {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
    return {
      ok: false,
      code: 'invalid_utf8',
      offset,
      line,
      message: `invalid UTF-8 at byte ${offset} (line ${line})`,
    };
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}
