import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown } from '../../../src/core/templates/index.js';

const builtin = getBuiltinTemplate();

describe('lint on any input', () => {
  it('never throws and scores within 0-100 for arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 400 }), (text) => {
        const r = lint(parse(text), builtin);
        return r.score >= 0 && r.score <= 100 && Object.values(r.sections).every((s) => s >= 0 && s <= 100);
      }),
    );
  });

  it('never throws for Markdown-shaped text against a template made of that same kind of text (property)', () => {
    const line = fc.constantFrom('# T', '## A', '### B (Optional)', '<!-- specboard: optional -->', '- x: ', '- [ ] ', '| a |', '|---|', '|   |', '```', 'TODO', '---', '**Author**: ', '');
    const md = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'));
    fc.assert(
      fc.property(md, md, (t, d) => {
        const r = lint(parse(d), templateFromMarkdown('p', 'P', t));
        return r.score >= 0 && r.score <= 100;
      }),
    );
  });

  it('handles a 1 MB line full of markers, spaces and brackets', () => {
    const line = 'TODO  TBD <<[UNRESOLVED [x] ( '.repeat(35_000);
    const r = lint(parse(`# T\n\n## Overview\n${line}\n`), builtin);
    expect(r.findings.filter((f) => f.ruleId === 'unresolved').length).toBe(35_000 * 3);
  });

  it('handles a 1 MB heading, 1 MB table cell and 1 MB code block', () => {
    const big = 'a '.repeat(500_000);
    const text = `# T\n\n## ${big}(Optional)\n\n| x |\n|---|\n| ${big} |\n\n\`\`\`\n${big}\n\`\`\`\n`;
    const r = lint(parse(text), builtin);
    expect(r.findings.some((f) => f.ruleId === 'missing-section')).toBe(true);
  });

  it('uses one cached template structure per template object', () => {
    const t = templateFromMarkdown('c', 'C', '# T\n\n## A\n<!-- x -->\n');
    const a = lint(parse('# S\n\n## A\ny\n'), t);
    const b = lint(parse('# S\n\n## A\ny\n'), t);
    expect(b).toEqual(a);
  });
});

describe('lint output stays well-formed for hostile headings', () => {
  it('keeps a section slugged __proto__ as a plain key of sections', () => {
    const r = lint(parse('# S\n\n## `__proto__`\nText.\n'), builtin);
    expect(Object.keys(r.sections)).toContain('__proto__');
    expect(r.sections.__proto__).toBe(100);
    expect(JSON.parse(JSON.stringify(r.sections))).toHaveProperty('__proto__', 100);
  });

  it('shortens a 1 MB heading in messages', () => {
    const r = lint(parse(`# S\n\n## ${'h'.repeat(1_000_000)}\n`), builtin);
    const empty = r.findings.find((f) => f.ruleId === 'empty-section');
    expect(empty?.message.length).toBeLessThan(120);
  });
});
