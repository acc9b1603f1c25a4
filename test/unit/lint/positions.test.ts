import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown } from '../../../src/core/templates/index.js';

const template = templateFromMarkdown('pos', 'Pos', '# T\n\n## Links\n- PRD: \n- Design: \n\n---\n**Document Status**: Draft\n**Author**: \n**Reviewers**: \n');

describe('finding positions', () => {
  it('gives 1-based line:column and an exclusive endLine:endColumn, matching the offsets', () => {
    const text = '# S\n\n## Links\n- PRD: x\n- Design: \n\n---\n**Document Status**: Draft\n**Author**: A\n**Reviewers**: B\n';
    const [f] = lint(parse(text), template).findings;
    expect(f).toMatchObject({ ruleId: 'empty-field', sectionPath: 'links', line: 5, column: 3, endLine: 5, endColumn: 10 });
    expect(text.slice(f?.offset, f?.endOffset)).toBe('Design:');
  });

  it('gives the same lines and columns for a CRLF document as for its LF twin', () => {
    const builtin = getBuiltinTemplate();
    const lf = lint(parse(builtin.source), builtin).findings;
    const crlf = lint(parse(builtin.source.replace(/\n/g, '\r\n')), builtin).findings;
    const strip = (f: (typeof lf)[number]) => ({ ...f, offset: 0, endOffset: 0 });
    expect(crlf.map(strip)).toEqual(lf.map(strip));
  });

  it('counts columns in UTF-16 code units', () => {
    const text = '# S\n\n## Links\n- PRD: 😀 TODO\n- Design: d\n\n---\n**Document Status**: Draft\n**Author**: A\n**Reviewers**: B\n';
    const [f] = lint(parse(text), template).findings;
    expect(f).toMatchObject({ ruleId: 'unresolved', line: 4, column: 11, endColumn: 15 });
  });

  it('sorts findings by position and keeps every span inside the text (property)', () => {
    const piece = fc.constantFrom('## Links\n', '- PRD: \n', '- PRD: TODO\n', '| a | b |\n|---|---|\n|   |   |\n', '<!-- x -->\n', '\r\n', '```\ncode\n```\n', '**Author**: \n', '---\n', '- [ ] \n', 'text\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const findings = lint(parse(text), template).findings;
        for (let i = 0; i < findings.length; i += 1) {
          const f = findings[i];
          if (!f) return false;
          if (f.offset < 0 || f.endOffset > text.length || f.endOffset < f.offset) return false;
          if (f.line > f.endLine || (f.line === f.endLine && f.column > f.endColumn)) return false;
          if (i > 0 && (findings[i - 1]?.offset ?? 0) > f.offset) return false;
        }
        return true;
      }),
    );
  });
});
