import type { HeadingPattern } from './types.js';

/**
 * The `[placeholder]` in a heading such as `Feature: [Feature Name]`, or null. A bracket followed
 * by `(` or `[` is a link, not a placeholder. Linear: one indexOf pass.
 */
export function headingPattern(text: string): HeadingPattern | null {
  let from = 0;
  for (;;) {
    const open = text.indexOf('[', from);
    if (open === -1) return null;
    const close = text.indexOf(']', open + 1);
    if (close === -1) return null;
    const next = text.charAt(close + 1);
    const inner = text.slice(open + 1, close).trim();
    if (inner !== '' && next !== '(' && next !== '[' && !inner.includes('[')) {
      return {
        prefix: text.slice(0, open).trim().toLowerCase(),
        suffix: text.slice(close + 1).trim().toLowerCase(),
        placeholder: text.slice(open, close + 1),
      };
    }
    from = open + 1;
  }
}

/** Whether a heading's text fits a pattern (the placeholder replaced by some text, or kept). */
export function matchesPattern(pattern: HeadingPattern, text: string): boolean {
  const t = text.trim().toLowerCase();
  return t.length > pattern.prefix.length + pattern.suffix.length && t.startsWith(pattern.prefix) && t.endsWith(pattern.suffix);
}
