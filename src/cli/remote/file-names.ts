/** Longest slug in bytes: with the key and `.md` the name stays well under the usual 255-byte limit. */
const MAX_SLUG_BYTES = 80;

/** A file-name slug of a title: lower-case letters and digits (any script) joined by `-`. */
export function slugify(title: string): string {
  const words = title.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (Buffer.byteLength(next) > MAX_SLUG_BYTES) {
      if (slug === '') slug = cutToBytes(word, MAX_SLUG_BYTES);
      break;
    }
    slug = next;
  }
  return slug;
}

/** `SPEC-12-payments-retry-policy.md`, or `SPEC-12.md` for a title without letters or digits. */
export function exportFileName(key: string, title: string): string {
  const slug = slugify(title);
  return slug === '' ? `${key}.md` : `${key}-${slug}.md`;
}

function cutToBytes(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (Buffer.byteLength(out + char) > max) break;
    out += char;
  }
  return out;
}
