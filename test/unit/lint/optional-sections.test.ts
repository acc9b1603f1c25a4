import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown } from '../../../src/core/templates/index.js';

const FOOTER = '\n---\n**Document Status**: Draft\n**Author**: Ann\n**Reviewers**: Bob\n';
const template = templateFromMarkdown(
  'optional',
  'Optional',
  `# T\n\n## Summary\n<!-- What -->\n\n## Appendix (Optional)\n### Glossary\n<!-- Terms -->\n\n## Alternatives\n<!-- specboard: optional -->\n<!-- Options -->\n\n## Risks\n<!-- Risks -->\n${FOOTER}`,
);
const findings = (text: string) => lint(parse(text), template).findings.map((f) => `${f.ruleId} ${f.sectionPath}`);

describe('optional template headings in lint', () => {
  it('"(Optional)" and <!-- specboard: optional --> headings may be absent; required ones may not', () => {
    expect(findings(`# S\n\n## Summary\nSearch.\n${FOOTER}`)).toEqual(['missing-section risks']);
  });

  it('a required subsection of a present optional section is required', () => {
    expect(findings(`# S\n\n## Summary\nSearch.\n\n## Appendix\nSee below.\n\n## Risks\nFew.\n${FOOTER}`)).toEqual([
      'missing-section appendix/glossary',
    ]);
  });

  it('the "(Optional)" suffix does not change matching, in either direction and any case', () => {
    const text = `# S\n\n## Summary (OPTIONAL)\nSearch.\n\n## Appendix (Optional)\n### Glossary\nFTS: full-text search.\n\n## Risks\nFew.\n${FOOTER}`;
    expect(findings(text)).toEqual([]);
    expect(lint(parse(text), template).sections['summary-optional']).toBe(100);
  });

  it('an optional section that is present is checked like any other (fill it or delete it)', () => {
    expect(findings(`# S\n\n## Summary\nSearch.\n\n## Alternatives\n<!-- Options -->\n\n## Risks\nFew.\n${FOOTER}`)).toEqual([
      'empty-section alternatives',
      'placeholder-comment alternatives',
    ]);
  });
});

describe('section matching', () => {
  it('finds a section moved under another parent by its slug', () => {
    const text = `# S\n\n## Summary\nSearch.\n### Risks\nFew.\n${FOOTER}`;
    expect(findings(text)).toEqual([]);
  });

  it('matches several "Feature: ..." headings to the template\'s "Feature: [Feature Name]" and requires at least one', () => {
    const builtin = getBuiltinTemplate();
    const source = builtin.source;
    const two = source.replace('#### Feature: [Feature Name]', '#### Feature: Search\n- **Description**: d\n\n#### Feature: Filters');
    const missing = lint(parse(two), builtin).findings.filter((f) => f.ruleId === 'missing-section');
    expect(missing).toEqual([]);
    const none = source.replace('#### Feature: [Feature Name]', '#### Something else');
    expect(lint(parse(none), builtin).findings.filter((f) => f.ruleId === 'missing-section').map((f) => f.message)).toEqual([
      'Required section "Technical Requirements > Functional Requirements > Feature: [Feature Name]" is missing',
    ]);
  });
});
