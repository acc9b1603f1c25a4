import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPatch } from 'diff';
import { unifiedDiff } from '../../../src/core/diff/index.js';

describe('unifiedDiff', () => {
  it('writes the standard unified format with labels and context', () => {
    const a = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n';
    const b = 'one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n';
    expect(unifiedDiff(a, b, { fromLabel: 'spec.md@1', toLabel: 'spec.md@2', context: 1 })).toBe(
      ['--- spec.md@1', '+++ spec.md@2', '@@ -3,3 +3,3 @@', ' three', '-four', '+FOUR', ' five', ''].join('\n'),
    );
  });

  it('uses 3 lines of context by default and a/b labels', () => {
    const a = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const b = 'l1\nl2\nl3\nl4\nX\nl6\nl7\nl8\n';
    expect(unifiedDiff(a, b)).toBe(
      ['--- a', '+++ b', '@@ -2,7 +2,7 @@', ' l2', ' l3', ' l4', '-l5', '+X', ' l6', ' l7', ' l8', ''].join('\n'),
    );
  });

  it('is empty for identical texts', () => {
    expect(unifiedDiff('same\n', 'same\n')).toBe('');
  });

  it('keeps CR bytes and marks a missing final newline', () => {
    const out = unifiedDiff('x\r\ny', 'x\ny\n', { context: 0 });
    expect(out).toBe(
      ['--- a', '+++ b', '@@ -1,2 +1,2 @@', '-x\r', '-y', '\\ No newline at end of file', '+x', '+y', ''].join('\n'),
    );
  });

  it('keeps a CRLF line added to an LF file as CRLF', () => {
    const patch = unifiedDiff('\n', 'a\r\n\na', { context: 0 });
    expect(applyPatch('\n', patch, { autoConvertLineEndings: false })).toBe('a\r\n\na');
  });

  it('applies back to the new text (property), including the coarse fallback', () => {
    const line = fc.constantFrom('a', 'b', 'c', '', 'a\r');
    const text = fc.array(fc.tuple(line, fc.constantFrom('\n', '')), { maxLength: 10 }).map((ls) => ls.map(([l, e]) => (e ? l + e : l)).join('\n'));
    fc.assert(
      fc.property(text, text, fc.constantFrom(undefined, 1), fc.constantFrom(0, 1, 3), (a, b, max, context) => {
        const patch = unifiedDiff(a, b, { context, ...(max === undefined ? {} : { maxEditLength: max }) });
        if (a === b) return patch === '';
        // jsdiff's applyPatch by default rewrites line endings when a patch adds CRLF lines to an LF
        // file ('\n' -> 'a\r\n\na' came back as 'a\n\na'); the oracle must apply the patch as written.
        return applyPatch(a, patch, { autoConvertLineEndings: false }) === b;
      }),
    );
  });
});
