import { describe, expect, it } from 'vitest';
import { TemplateError, getBuiltinTemplate, headingPattern, templateFromMarkdown, type TemplateSection } from '../../../src/core/templates/index.js';

const byPath = (sections: readonly TemplateSection[], path: string): TemplateSection => {
  const found = sections.find((s) => s.path === path);
  if (!found) throw new Error(`no section ${path}`);
  return found;
};

describe('Template structure of the built-in template', () => {
  const t = getBuiltinTemplate();
  const all = t.structure.allSections;

  it('lists its sections with paths, as a tree and in document order', () => {
    expect(t.structure.sections.map((s) => s.path)).toEqual([
      'overview', 'system-architecture', 'technical-requirements', 'data-design', 'api-design',
      'implementation-details', 'testing-strategy', 'deployment--infrastructure', 'migration-plan',
      'monitoring--observability', 'security-considerations', 'performance-optimization', 'error-handling',
      'dependencies', 'timeline--milestones', 'risks--mitigations', 'open-questions', 'appendix',
    ]);
    expect(all[0]?.path).toBe('overview');
    expect(all[1]?.path).toBe('overview/purpose');
    expect(byPath(all, 'technical-requirements/non-functional-requirements/security').level).toBe(4);
    expect(byPath(all, 'overview/purpose').parent?.path).toBe('overview');
  });

  it('marks every section required (the built-in template has no optional markers)', () => {
    expect(all.every((s) => s.required && !s.optional)).toBe(true);
  });

  it("keeps the template's body of each section (for unchanged-from-template)", () => {
    expect(byPath(all, 'overview/purpose').body).toBe('<!-- Brief description of what this spec covers -->\n\n');
    expect(byPath(all, 'overview').body).toBe('');
    expect(byPath(all, 'appendix/references').body).toBe('- \n- \n\n');
  });

  it('collects placeholder comments, blank table rows, fields and code blocks per section', () => {
    expect(byPath(all, 'system-architecture/data-flow').placeholderComments).toEqual(['Describe how data flows through the system']);
    expect(byPath(all, 'system-architecture/component-overview').blankTableRows).toEqual([{ cells: ['', '', ''] }]);
    expect(byPath(all, 'api-design/rest-endpoints').blankTableRows).toEqual([{ cells: ['GET', '/api/v1/', '', '', ''] }]);
    expect(byPath(all, 'deployment--infrastructure/environments').blankTableRows).toHaveLength(3);
    expect(byPath(all, 'overview/related-documents').fields).toEqual([
      { label: 'PRD', value: '' },
      { label: 'Design Docs', value: '' },
      { label: 'API Docs', value: '' },
    ]);
    expect(byPath(all, 'data-design/database-schema').codeBlocks[0]).toContain('CREATE TABLE example');
  });

  it('reads a heading with a [placeholder] as a pattern', () => {
    const feature = byPath(all, 'technical-requirements/functional-requirements/feature-feature-name');
    expect(feature.pattern).toEqual({ prefix: 'feature:', suffix: '', placeholder: '[Feature Name]' });
  });
});

describe('templateFromMarkdown', () => {
  it('makes a template of any Markdown file', () => {
    const t = templateFromMarkdown('rfc', 'RFC', '# RFC\n\n## Summary\nWrite it.\n\n## Motivation\n', 3);
    expect(t).toMatchObject({ id: 'rfc', name: 'RFC', version: 3 });
    expect(t.structure.allSections.map((s) => s.path)).toEqual(['summary', 'motivation']);
    expect(templateFromMarkdown('x', 'X', '').structure.allSections).toEqual([]);
  });

  it('marks a heading optional with "(Optional)" at the end, in any case, without changing its path', () => {
    const t = templateFromMarkdown('t', 'T', '# T\n\n## Appendix (Optional)\n\n## Notes (optional)\n### Sub\n\n## Risks\n');
    const [appendix, notes, risks] = t.structure.sections;
    expect(appendix).toMatchObject({ path: 'appendix', heading: 'Appendix', optional: true, required: false });
    expect(notes).toMatchObject({ path: 'notes', optional: true });
    expect(notes?.children[0]).toMatchObject({ path: 'notes/sub', optional: false });
    expect(risks).toMatchObject({ path: 'risks', optional: false, required: true });
  });

  it('marks a heading optional with <!-- specboard: optional --> on the line right after it, not later', () => {
    const t = templateFromMarkdown(
      't',
      'T',
      '# T\n\n## A\n<!-- specboard: optional -->\ntext\n\n## B\n<!--   SpecBoard:Optional   -->\r\n\n## C\n\n<!-- specboard: optional -->\n',
    );
    expect(t.structure.sections.map((s) => [s.path, s.optional])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ]);
    // The marker is not a placeholder comment to remove.
    expect(t.structure.sections[0]?.placeholderComments).toEqual([]);
  });

  it('rejects a bad id, name or version with stable codes', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (error) {
        return error instanceof TemplateError ? error.code : 'other';
      }
      return undefined;
    };
    expect(code(() => templateFromMarkdown('Bad Id', 'X', ''))).toBe('invalid_template_id');
    expect(code(() => templateFromMarkdown('ok', '  ', ''))).toBe('invalid_template_name');
    expect(code(() => templateFromMarkdown('ok', 'X', '', 0))).toBe('invalid_template_version');
    expect(code(() => templateFromMarkdown('ok', 'X', '', 1.5))).toBe('invalid_template_version');
  });
});

describe('headingPattern', () => {
  it('finds the innermost [placeholder], skipping links and empty brackets', () => {
    expect(headingPattern('Feature: [Feature Name]')).toEqual({ prefix: 'feature:', suffix: '', placeholder: '[Feature Name]' });
    expect(headingPattern('See [docs](http://x) for [Topic] notes')?.placeholder).toBe('[Topic]');
    expect(headingPattern('[ ] and [ref][1]')).toBeNull();
    expect(headingPattern('Plain heading')).toBeNull();
    expect(headingPattern('a [[b] c')?.placeholder).toBe('[b]');
  });

  it('stays linear on 1 MB of brackets', () => {
    expect(headingPattern('['.repeat(1_000_000) + ']')).toBeNull();
    expect(headingPattern(']'.repeat(1_000_000))).toBeNull();
    expect(headingPattern('[x'.repeat(500_000) + ']')?.placeholder).toBe('[x]');
  });
});
