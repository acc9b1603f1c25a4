import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffLines, diffWords, type DiffPart } from '../../../src/core/diff/index.js';

const oldSide = (parts: DiffPart[]): string => parts.filter((p) => p.type !== 'added').map((p) => p.value).join('');
const newSide = (parts: DiffPart[]): string => parts.filter((p) => p.type !== 'removed').map((p) => p.value).join('');

describe('diffLines', () => {
  it('marks added, removed and unchanged lines', () => {
    const parts = diffLines('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(parts).toEqual([
      { type: 'unchanged', value: 'a\n', count: 1 },
      { type: 'removed', value: 'b\n', count: 1 },
      { type: 'added', value: 'B\n', count: 1 },
      { type: 'unchanged', value: 'c\n', count: 1 },
      { type: 'added', value: 'd\n', count: 1 },
    ]);
  });

  it('preserves line endings exactly: CRLF vs LF is a change', () => {
    const parts = diffLines('x\r\ny\n', 'x\ny\n');
    expect(parts).toEqual([
      { type: 'removed', value: 'x\r\n', count: 1 },
      { type: 'added', value: 'x\n', count: 1 },
      { type: 'unchanged', value: 'y\n', count: 1 },
    ]);
  });

  it('treats a missing final newline as a change of the last line', () => {
    const parts = diffLines('a\nb', 'a\nb\n');
    expect(parts.map((p) => p.type)).toEqual(['unchanged', 'removed', 'added']);
  });

  it('returns one unchanged part for equal texts and nothing for two empty texts', () => {
    expect(diffLines('a\nb', 'a\nb')).toEqual([{ type: 'unchanged', value: 'a\nb', count: 2 }]);
    expect(diffLines('', '')).toEqual([]);
  });

  it('rebuilds both texts byte for byte from the parts (property)', () => {
    const line = fc.stringMatching(/^[ab\r]{0,3}$/).map((s) => s);
    const text = fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '')), { maxLength: 12 }).map((ls) => ls.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffLines(a, b);
        return oldSide(parts) === a && newSide(parts) === b;
      }),
    );
  });

  it('falls back to a coarse but exact diff past maxEditLength', () => {
    const a = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join('');
    const b = `head\n${Array.from({ length: 50 }, (_, i) => `LINE ${i}\n`).join('')}`;
    const parts = diffLines(`same\n${a}tail\n`, `same\n${b}tail\n`, { maxEditLength: 10 });
    expect(parts.map((p) => p.type)).toEqual(['unchanged', 'removed', 'added', 'unchanged']);
    expect(oldSide(parts)).toBe(`same\n${a}tail\n`);
    expect(newSide(parts)).toBe(`same\n${b}tail\n`);
  });
});

describe('diffWords', () => {
  it('highlights the changed words inside a line and keeps spacing', () => {
    const parts = diffWords('the quick  brown fox', 'the slow  brown fox');
    expect(parts).toEqual([
      { type: 'unchanged', value: 'the ', count: 2 },
      { type: 'removed', value: 'quick', count: 1 },
      { type: 'added', value: 'slow', count: 1 },
      { type: 'unchanged', value: '  brown fox', count: 4 },
    ]);
  });

  it('shows a line-ending change as a change', () => {
    const parts = diffWords('done\r\n', 'done\n');
    expect(parts.filter((p) => p.type !== 'unchanged').map((p) => p.value)).toEqual(['\r\n', '\n']);
  });

  it('rebuilds both texts exactly (property), also past maxEditLength', () => {
    const word = fc.constantFrom('alpha', 'beta', ' ', '  ', '\n', '\r\n', ',', 'é', '😀');
    const text = fc.array(word, { maxLength: 15 }).map((w) => w.join(''));
    fc.assert(
      fc.property(text, text, fc.constantFrom(undefined, 2), (a, b, max) => {
        const parts = diffWords(a, b, max === undefined ? {} : { maxEditLength: max });
        return oldSide(parts) === a && newSide(parts) === b;
      }),
    );
  });
});
