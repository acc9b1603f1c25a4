import type { HeadingPattern } from './types.js';

/**
 * The `[placeholder]` in a heading such as `Feature: [Feature Name]`, or null. Brackets followed
 * by `(` or `[`, or right after `]`, are a link, not a placeholder. Linear: each `]` is looked at once, and the search
 * for its `[` never goes back past the previous `]`.
 */
export function headingPattern(text: string): HeadingPattern | null {
  let from = 0;
  for (;;) {
    const close = text.indexOf(']', from);
    if (close === -1) return null;
    let open = close - 1;
    while (open >= from && text.charCodeAt(open) !== 91) open -= 1;
    const next = text.charAt(close + 1);
    const link = next === '(' || next === '[' || (open > 0 && text.charAt(open - 1) === ']');
    if (open >= from && !link && text.slice(open + 1, close).trim() !== '') {
      return {
        prefix: text.slice(0, open).trim().toLowerCase(),
        suffix: text.slice(close + 1).trim().toLowerCase(),
        placeholder: text.slice(open, close + 1),
      };
    }
    from = close + 1;
  }
}

/** Whether a heading's text fits a pattern (the placeholder replaced by some text, or kept). */
export function matchesPattern(pattern: HeadingPattern, text: string): boolean {
  const t = text.trim().toLowerCase();
  return t.length > pattern.prefix.length + pattern.suffix.length && t.startsWith(pattern.prefix) && t.endsWith(pattern.suffix);
}
