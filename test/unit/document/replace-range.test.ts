import { describe, expect, it } from 'vitest';
import { parse, replaceRange, SpecEditError } from '../../../src/core/index.js';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    return error instanceof SpecEditError ? error.code : 'other';
  }
  return null;
}

describe('replaceRange', () => {
  const source = '# T\r\n\r\n## A\r\nThe quick fox.\r\n\r\n## B\r\nEnd.  \r\n';
  const doc = parse(source);

  it('replaces only the span, in the document line endings', () => {
    const start = source.indexOf('quick');
    const next = replaceRange(doc, start, start + 'quick'.length, 'slow\nbrown');
    expect(next.source).toBe(source.replace('quick', 'slow\r\nbrown'));
    expect(doc.source).toBe(source);
  });

  it('refuses a span outside the text and text that swallows the rest', () => {
    expect(codeOf(() => replaceRange(doc, 5, 2, 'x'))).toBe('invalid_value');
    expect(codeOf(() => replaceRange(doc, 0, source.length + 1, 'x'))).toBe('invalid_value');
    const line = source.indexOf('The quick fox.');
    expect(codeOf(() => replaceRange(doc, line, line + 'The quick fox.'.length, '```\ncode'))).toBe('structure_changed');
  });
});
