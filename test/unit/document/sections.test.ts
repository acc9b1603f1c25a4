import { describe, expect, it } from 'vitest';
import { findSection, parse, sectionOf } from '../../../src/core/document/index.js';
import { BUILTIN_TEMPLATE_DATA } from '../../../src/core/templates/builtin-data.generated.js';

const template = BUILTIN_TEMPLATE_DATA[0]?.source ?? '';

describe('sections', () => {
  it('builds the template section tree with GitHub slug paths; the first H1 is the title, not a path', () => {
    const doc = parse(template);
    expect(doc.title?.text).toBe('Technical Specification');
    expect(doc.sections.map((s) => s.path)).toContain('technical-requirements');
    const perf = findSection(doc, 'technical-requirements/non-functional-requirements/performance');
    expect(perf?.heading.level).toBe(4);
    expect(findSection(doc, 'deployment--infrastructure/cicd-pipeline')?.heading.text).toBe('CI/CD Pipeline');
    expect(findSection(doc, 'technical-requirements/functional-requirements/feature-feature-name')).toBeDefined();
    expect(doc.allSections.every((s) => !s.path.startsWith('technical-specification'))).toBe(true);
    const nfr = findSection(doc, 'technical-requirements/non-functional-requirements');
    expect(nfr?.children.map((c) => c.slug)).toEqual(['performance', 'scalability', 'security', 'reliability']);
  });

  it('gives exact line and offset ranges for heading, body and whole section', () => {
    const text = '# T\n\n## A\nbody a\n### B\nbody b\n\n## C\nlast';
    const doc = parse(text);
    const a = findSection(doc, 'a');
    const b = findSection(doc, 'a/b');
    expect(a?.heading.range).toEqual({ start: 5, end: 9, startLine: 3, endLine: 3 });
    expect(a?.body).toEqual({ start: 10, end: 17, startLine: 4, endLine: 4 });
    expect(text.slice(a?.range.start, a?.range.end)).toBe('## A\nbody a\n### B\nbody b\n\n');
    expect(a?.range).toMatchObject({ startLine: 3, endLine: 7 });
    expect(text.slice(b?.body.start, b?.body.end)).toBe('body b\n\n');
    const c = findSection(doc, 'c');
    expect(text.slice(c?.body.start, c?.body.end)).toBe('last');
    expect(c?.range.end).toBe(text.length);
  });

  it('numbers duplicate slugs across the whole document as GitHub does (-1, -2), title included', () => {
    const doc = parse('# Overview\n## Overview\n## Notes\n### Notes\n## Notes\n> ## Notes\n## Notes');
    expect(doc.allSections.map((s) => s.path)).toEqual(['overview-1', 'notes', 'notes/notes-1', 'notes-2', 'notes-4']);
  });

  it('slugs the heading plain text: inline markup, code, link URLs, HTML and entities as GitHub renders them', () => {
    const doc = parse([
      '## **Bold** and `code` [link](http://example.com/x) _em_ snake_case',
      '## API & <b>HTML</b> &amp; ![img](x.png) done',
      '## Q: what?! (v2.0) — ok',
      '## Escaped \\* star\\_',
      '## Optional part <!-- optional -->',
    ].join('\n'));
    expect(doc.allSections.map((s) => s.slug)).toEqual([
      'bold-and-code-link-em-snake_case',
      'api--html---done',
      'q-what-v20--ok',
      'escaped--star_',
      'optional-part-',
    ]);
    expect(doc.allSections.map((s) => s.optional)).toEqual([false, false, false, false, true]);
  });

  it('marks optional sections from "(Optional)" or a specboard optional marker', () => {
    const doc = parse('## Appendix (Optional)\n## Notes\n<!-- specboard: optional -->\ntext\n## Other');
    expect(doc.allSections.map((s) => s.optional)).toEqual([true, true, false]);
  });

  it('finds ATX and setext headings but not those in fenced code, HTML blocks or indented code', () => {
    const text = [
      '# Title', 'Setext Two', '----------', '```', '# not a heading', '```', '~~~md', '## nor this', '~~~',
      '<div>', '## inside html', '</div>', '', '    ## indented code', '', 'Setext One', '===', '## Closed ##',
    ].join('\n');
    const doc = parse(text);
    expect(doc.allSections.map((s) => [s.heading.level, s.heading.text, s.heading.style])).toEqual([
      [2, 'Setext Two', 'setext'], [1, 'Setext One', 'setext'], [2, 'Closed', 'atx'],
    ]);
    expect(doc.allSections[0]?.heading.range).toMatchObject({ startLine: 2, endLine: 3 });
  });

  it('sectionOf returns the innermost section holding an offset', () => {
    const text = '# T\nintro\n## A\na\n### B\nb\n## C\nc';
    const doc = parse(text);
    expect(sectionOf(doc, text.indexOf('intro'))).toBeUndefined();
    expect(sectionOf(doc, text.indexOf('a\n'))?.path).toBe('a');
    expect(sectionOf(doc, text.indexOf('b\n'))?.path).toBe('a/b');
    expect(sectionOf(doc, text.length)?.path).toBe('c');
  });

  it('ends the last section where the status footer starts', () => {
    const doc = parse(template);
    const last = doc.allSections[doc.allSections.length - 1];
    expect(last?.path).toBe('appendix/references');
    expect(last?.range.end).toBe(doc.footer?.range.start);
    expect(doc.source.slice(last?.body.start, last?.body.end)).toBe('- \n- \n\n');
  });

  it('keeps headings in block quotes and lists out of the tree but in the slug count', () => {
    const doc = parse('## A\n> ## A\n- ## A\n## A');
    expect(doc.allSections.map((s) => s.path)).toEqual(['a', 'a-3']);
  });
});
