/**
 * GitHub heading anchors. github-slugger's `slug` removes characters with one very large Unicode
 * regular expression, which costs microseconds per heading; for ASCII text the same rule is a
 * character test (kept: letters, digits, `-`, `_`; space becomes `-`), and a test compares both.
 */
import { slug as githubSlug } from 'github-slugger';

/** github-slugger's slug for ASCII text, or null when the text has other characters. */
export function asciiSlug(value: string): string | null {
  let clean = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 128) return null;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 32)) clean = false;
  }
  if (clean) return value.toLowerCase().replaceAll(' ', '-');
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode(c + 32);
    else if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95) out += value[i] ?? '';
    else if (c === 32) out += '-';
  }
  return out;
}

/** The slug of one heading text, as github-slugger's `slug` computes it. */
export function headingSlug(value: string): string {
  return asciiSlug(value) ?? githubSlug(value);
}

/**
 * GitHub's anchor numbering for a whole document (github-slugger's algorithm: a repeated slug gets
 * -1, -2, ...), with a Map rather than a dictionary object.
 */
export class DocumentSlugger {
  declare private readonly occurrences: Map<string, number>;

  constructor() {
    this.occurrences = new Map();
  }

  slug(value: string): string {
    const original = headingSlug(value);
    let result = original;
    while (this.occurrences.has(result)) {
      const n = (this.occurrences.get(original) ?? 0) + 1;
      this.occurrences.set(original, n);
      result = `${original}-${n}`;
    }
    this.occurrences.set(result, 0);
    return result;
  }
}
