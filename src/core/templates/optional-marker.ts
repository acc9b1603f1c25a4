import { slug } from 'github-slugger';

const SUFFIX = '(optional)';
const MARKER = 'specboard: optional';

/** Whether a heading's text ends with "(Optional)" (any case). */
export function hasOptionalSuffix(headingText: string): boolean {
  const t = headingText.trimEnd();
  return t.length >= SUFFIX.length && t.slice(-SUFFIX.length).toLowerCase() === SUFFIX;
}

/** The heading text without a trailing "(Optional)" (any case) and the spaces before it. */
export function stripOptionalSuffix(headingText: string): string {
  const t = headingText.trimEnd();
  return hasOptionalSuffix(t) ? t.slice(0, -SUFFIX.length).trimEnd() : t;
}

/** Whether a line is the `<!-- specboard: optional -->` marker (any case, any spacing). */
export function isOptionalMarkerLine(line: string): boolean {
  const t = line.trim();
  if (!t.startsWith('<!--') || !t.endsWith('-->') || t.length < 7) return false;
  return isOptionalMarkerText(t.slice(4, -3));
}

/** Whether the text inside a comment is the optional marker. */
export function isOptionalMarkerText(commentText: string): boolean {
  const inner = commentText.trim().toLowerCase().replace(/\s+/g, ' ');
  return inner === MARKER || inner === 'specboard:optional';
}

/** Headings repeat across documents of one template, so their slugs are memoized (bounded). */
const KEY_CACHE = new Map<string, string>();
const KEY_CACHE_MAX = 5000;

/** The slug a heading is matched by: "(Optional)" stripped first, so marking a heading optional keeps its path. */
export function matchKey(headingText: string): string {
  let key = KEY_CACHE.get(headingText);
  if (key === undefined) {
    key = slug(stripOptionalSuffix(headingText));
    // Full: new texts are computed, not kept. Clearing instead made a document with more headings
    // than the bound refill the memo on every lint (bench/linear.ts, 10,000 headings).
    if (KEY_CACHE.size < KEY_CACHE_MAX && headingText.length <= 200) KEY_CACHE.set(headingText, key);
  }
  return key;
}
