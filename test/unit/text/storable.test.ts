import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStorableText } from '../../../src/core/text/index.js';

describe('checkStorableText', () => {
  it('accepts ordinary text, astral characters and a BOM', () => {
    expect(checkStorableText('\uFEFF# Title\r\nemoji 😀 é\n')).toEqual({ ok: true });
  });

  it('refuses U+0000 with line:column', () => {
    const result = checkStorableText('ab\ncd\u0000e');
    expect(result).toEqual({
      ok: false, code: 'nul_character', offset: 5, line: 2, column: 3,
      message: 'line 2, column 3: NUL character (U+0000) cannot be stored',
    });
  });

  it('refuses a lone high or low surrogate with line:column (CRLF and CR count as one line break)', () => {
    expect(checkStorableText('a\r\n\r\uD800x')).toMatchObject({ ok: false, code: 'unpaired_surrogate', line: 3, column: 1 });
    expect(checkStorableText('x\uDC00')).toMatchObject({ ok: false, code: 'unpaired_surrogate', offset: 1, line: 1, column: 2 });
    expect(checkStorableText('\uD83D')).toMatchObject({ ok: false, code: 'unpaired_surrogate', offset: 0 });
  });

  it('accepts exactly the strings that survive a UTF-8 round trip and have no NUL (property)', () => {
    const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((u) => String.fromCharCode(...u));
    fc.assert(
      fc.property(units, (s) => {
        const survives = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(s)) === s && !s.includes('\u0000');
        expect(checkStorableText(s).ok).toBe(survives);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
