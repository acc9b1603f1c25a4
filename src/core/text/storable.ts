/**
 * Text the database can store: PostgreSQL `text` cannot hold U+0000, and UTF-8 cannot encode a
 * lone surrogate, so such text is refused up front with the exact place of the first problem.
 */

export type StorableTextResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'nul_character' | 'unpaired_surrogate';
      readonly offset: number;
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Refuses text containing U+0000 or an unpaired surrogate, giving line:column of the first. */
export function checkStorableText(text: string): StorableTextResult {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return failure(text, i, 'nul_character', 'NUL character (U+0000)');
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff) {
        const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          i++;
          continue;
        }
      }
      const hex = c.toString(16).toUpperCase();
      return failure(text, i, 'unpaired_surrogate', `unpaired surrogate (U+${hex})`);
    }
  }
  return { ok: true };
}

function failure(text: string, offset: number, code: 'nul_character' | 'unpaired_surrogate', what: string): StorableTextResult {
  const { line, column } = lineAndColumn(text, offset);
  return { ok: false, code, offset, line, column, message: `line ${line}, column ${column}: ${what} cannot be stored` };
}
