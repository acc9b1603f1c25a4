import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown } from '../../../src/core/templates/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const builtin = getBuiltinTemplate();

describe('completeness of the untouched built-in template', () => {
  const result = lint(parse(builtin.source), builtin);
  const count = (ruleId: string): number => result.findings.filter((f) => f.ruleId === ruleId).length;
  const doc = builtin.document;

  it('scores 0 overall and 0 in every section that has blanks', () => {
    expect(result.score).toBe(0);
    for (const s of result.sectionScores) {
      if (s.blanks > 0) expect(s.score, s.path).toBe(0);
      else expect(s.score, s.path).toBe(100);
    }
    expect(result.sections['overview/purpose']).toBe(0);
    expect(result.sections['']).toBe(0);
  });

  it('reports one finding per blank', () => {
    expect(count('placeholder-comment')).toBe(doc.comments.length);
    expect(count('empty-table')).toBe(doc.tables.length);
    expect(count('unchanged-from-template')).toBe(doc.codeBlocks.length + 2); // + the [Feature Name] heading and the title
    const blankFields = doc.fields.filter((f) => f.value === '' && f.range.start < (doc.footer?.range.start ?? Infinity));
    // "Acceptance Criteria:" introduces nested items, so it is not itself a blank.
    expect(count('empty-field')).toBe(blankFields.length - 1 + doc.listItems.filter((i) => i.empty).length + 4);
    expect(count('empty-section')).toBe(1); // Purpose: only a comment
    expect(count('missing-metadata')).toBe(2); // Author and Reviewers
    expect(count('missing-section') + count('unresolved') + count('open-question') + count('invalid-status')).toBe(0);
    expect(result.findings).toHaveLength(102);
    expect(result.sectionScores.reduce((n, s) => n + s.unfilled, 0)).toBe(102);
  });
});

describe('completeness of the filled example docs/examples/specboard-search.md', () => {
  const source = readFileSync(join(root, 'docs/examples/specboard-search.md'), 'utf8');
  const result = lint(parse(source), builtin);

  it('has no findings and scores 100 overall and in every section', () => {
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(100);
    expect(Object.values(result.sections).every((s) => s === 100)).toBe(true);
  });

  it('fills every blank of the template: same sections, no TODO', () => {
    const paths = new Set(parse(source).allSections.map((s) => s.path));
    for (const t of builtin.structure.allSections) {
      if (!t.pattern) expect(paths.has(t.docPath), t.docPath).toBe(true);
    }
    expect(source).not.toMatch(/\bTODO\b|\bTBD\b/);
  });
});

describe('score formula', () => {
  // Blanks: A = empty-section + placeholder-comment (2), B = two empty fields (2),
  // document level = the template's title + footer Author + Reviewers (3).
  const template = templateFromMarkdown(
    'small',
    'Small',
    '# T\n\n## A\n<!-- say something -->\n\n## B\n- Owner: \n- Team: \n\n---\n**Document Status**: Draft\n**Author**: \n**Reviewers**: \n',
  );
  const score = (text: string) => lint(parse(text), template);

  it('is floor(100 × filled / blanks) per section and overall, weighted by blanks', () => {
    const r = score('# S\n\n## A\nDone.\n\n## B\n- Owner: Ann\n- Team: \n\n---\n**Document Status**: Draft\n**Author**: Ann\n**Reviewers**: \n');
    expect(r.sections).toEqual({ '': 66, a: 100, b: 50 });
    expect(r.score).toBe(71); // (2 + 2 + 1) filled of (3 + 2 + 2)
  });

  it('counts a missing required section as all its blanks unfilled', () => {
    const r = score('# S\n\n## A\nDone.\n\n---\n**Document Status**: Draft\n**Author**: Ann\n**Reviewers**: Bob\n');
    expect(r.findings.map((f) => f.ruleId)).toEqual(['missing-section']);
    expect(r.sectionScores.find((s) => s.path === 'b')).toEqual({ path: 'b', score: 0, blanks: 2, unfilled: 2, missing: true });
    expect(r.score).toBe(71); // A 2/2, B 0/2, title and footer 3/3
  });

  it('counts more findings than the template has blanks against the section (never below 0)', () => {
    const r = score('# S\n\n## A\nDone.\n\n## B\n- Owner: \n- Team: \n- \n\n---\n**Document Status**: Draft\n**Author**: Ann\n**Reviewers**: Bob\n');
    expect(r.sectionScores.find((s) => s.path === 'b')).toMatchObject({ score: 0, blanks: 3, unfilled: 3 });
    expect(r.score).toBe(62); // 5 filled of 8
  });

  it('gives 100 to sections without blanks and to a document with nothing to fill', () => {
    const none = templateFromMarkdown('none', 'None', '# T\n');
    const r = lint(parse('# S\n\n## Extra\nOur own text.\n\n---\n**Document Status**: Draft\n**Author**: A\n**Reviewers**: B\n'), none);
    expect(r).toMatchObject({ score: 100, sections: { '': 100, extra: 100 }, findings: [] });
  });

  it('does not count rules that are off, and invalid-status never counts', () => {
    const text = '# S\n\n## A\nDone.\n\n## B\n- Owner: Ann\n- Team: \n\n---\n**Document Status**: Finished\n**Author**: Ann\n**Reviewers**: Bob\n';
    expect(score(text).score).toBe(85); // 6 of 7; invalid-status is reported but not a blank
    expect(score(text).findings.map((f) => f.ruleId)).toEqual(['empty-field', 'invalid-status']);
    expect(lint(parse(text), template, { rules: { 'empty-field': 'off' } }).score).toBe(100);
  });
});
