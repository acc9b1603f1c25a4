import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict } from '../../../src/core/text/index.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe('decodeUtf8Strict', () => {
  it('decodes valid UTF-8 and keeps a leading BOM in the text', () => {
    expect(decodeUtf8Strict(bytes(0xef, 0xbb, 0xbf, 0x23, 0x20, 0xc3, 0xa9))).toEqual({ ok: true, text: '\uFEFF# é' });
  });

  it('refuses invalid bytes with the offset of the first one instead of replacing them', () => {
    expect(decodeUtf8Strict(bytes(0x61, 0x0a, 0x62, 0xff, 0x63))).toEqual({
      ok: false, code: 'invalid_utf8', offset: 3, line: 2, message: 'invalid UTF-8 at byte 3 (line 2)',
    });
    expect(decodeUtf8Strict(bytes(0xe2, 0x82))).toMatchObject({ ok: false, offset: 0 });
    expect(decodeUtf8Strict(bytes(0xed, 0xa0, 0x80))).toMatchObject({ ok: false, offset: 0 });
    expect(decodeUtf8Strict(bytes(0xc0, 0x80))).toMatchObject({ ok: false, offset: 0 });
  });

  it('round-trips every valid encoding and refuses exactly what a fatal TextDecoder refuses (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => new TextEncoder().encode(s))), (data) => {
        let expected: string | null;
        try {
          expected = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
        } catch {
          expected = null;
        }
        const result = decodeUtf8Strict(data);
        expect(result.ok ? result.text : null).toBe(expected);
        if (!result.ok) {
          expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, result.offset))).not.toThrow();
        }
      }),
      { numRuns: 3000 },
    );
  }, 30_000);
});
