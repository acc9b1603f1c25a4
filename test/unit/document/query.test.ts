import { describe, expect, it } from 'vitest';
import { footerStatus, parse, positionAt } from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

describe('positionAt', () => {
  it('gives 1-based line and column for LF, CRLF and CR line endings', () => {
    const doc = parse('ab\r\ncd\ref\ngh');
    expect(positionAt(doc, 0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(positionAt(doc, 4)).toEqual({ offset: 4, line: 2, column: 1 });
    expect(positionAt(doc, 7)).toEqual({ offset: 7, line: 3, column: 1 });
    expect(positionAt(doc, 11)).toEqual({ offset: 11, line: 4, column: 2 });
    expect(positionAt(doc, 99)).toEqual({ offset: 12, line: 4, column: 3 });
  });

  it('works for documents not made by parse', () => {
    const doc = { ...parse('x\ny') };
    expect(positionAt(doc, 2)).toMatchObject({ line: 2, column: 1 });
  });
});

describe('footerStatus', () => {
  const withStatus = (value: string): string => `## A\n\n---\n**Document Status**: ${value}\n**Author**: a`;

  it('reads the template choice list "Draft | In Review | Approved" as draft', () => {
    expect(footerStatus(parse(BUILTIN_TEMPLATE_DATA[0]?.source ?? ''))).toBe('draft');
  });

  it('reads every footer word, case-insensitive, emphasis ignored', () => {
    expect(footerStatus(parse(withStatus('In Review')))).toBe('in_review');
    expect(footerStatus(parse(withStatus('changes requested')))).toBe('changes_requested');
    expect(footerStatus(parse(withStatus('**Approved**')))).toBe('approved');
    expect(footerStatus(parse(withStatus('Superseded')))).toBe('superseded');
  });

  it('is null without a footer or status, and invalid for an unknown word', () => {
    expect(footerStatus(parse('## A\ntext'))).toBeNull();
    expect(footerStatus(parse(withStatus('')))).toBeNull();
    expect(footerStatus(parse(withStatus('Shipped')))).toBe('invalid');
  });
});
