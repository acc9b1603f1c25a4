import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { lint } from '../../../src/core/lint/index.js';
import { getBuiltinTemplate, templateFromMarkdown } from '../../../src/core/templates/index.js';

const FOOTER = '\n---\n**Document Status**: Draft\n**Author**: Ann\n**Reviewers**: Bob\n';
const template = templateFromMarkdown(
  'dedupe',
  'Dedupe',
  `# T\n\n## Context\n<!-- Why this change -->\n\n## Plan\n### Phase 1\n### Phase 2\n\n## Links\n- PRD: \n\n## Open Questions\n- [ ] Question 1: \n\n## Costs\n| Item | Cost |\n|------|------|\n|      |      |\n${FOOTER}`,
);
const rules = (text: string): string[] => lint(parse(text), template).findings.map((f) => `${f.ruleId}@${f.line}`);
const filled = {
  context: '## Context\nSpecs are hard to find.\n',
  plan: '## Plan\n### Phase 1\nIndex.\n### Phase 2\nShip.\n',
  links: '## Links\n- PRD: PB-14\n',
  questions: '## Open Questions\n- [x] Question 1: Settled.\n',
  costs: '## Costs\n| Item | Cost |\n|------|------|\n| Disk | 2 GB |\n',
};
const doc = (parts: Partial<typeof filled>): string =>
  `# S\n\n${Object.values({ ...filled, ...parts }).join('\n')}${FOOTER}`;

describe('one problem, one finding', () => {
  it('the filled document has no findings', () => {
    expect(rules(doc({}))).toEqual([]);
  });

  it('an empty section holding only a template comment: empty-section and placeholder-comment, nothing else', () => {
    expect(rules(doc({ context: '## Context\n<!-- Why this change -->\n' }))).toEqual(['empty-section@3', 'placeholder-comment@4']);
  });

  it('a parent whose required subsections are missing: missing-section for them, not empty-section for it', () => {
    expect(rules(doc({ plan: '## Plan\n' }))).toEqual(['missing-section@8', 'missing-section@8']);
  });

  it('a blank open question is an empty-field, not also an open-question', () => {
    expect(rules(doc({ questions: '## Open Questions\n- [ ] Question 1: \n' }))).toEqual(['empty-field@16']);
  });

  it('a real unchecked question is an open-question only', () => {
    expect(rules(doc({ questions: '## Open Questions\n- [ ] Question 1: Which ranking?\n' }))).toEqual(['open-question@16']);
  });

  it('an untouched table is one empty-table finding, not one per row or cell', () => {
    expect(rules(doc({ costs: '## Costs\n| Item | Cost |\n|------|------|\n|      |      |\n|  |  |\n' }))).toEqual(['empty-table@19']);
  });

  it('a field whose value is TBD is unresolved, not empty-field', () => {
    expect(rules(doc({ links: '## Links\n- PRD: TBD\n' }))).toEqual(['unresolved@13']);
  });

  it('a TBD status is unresolved only: not invalid-status, not missing-metadata', () => {
    const text = doc({}).replace('**Document Status**: Draft', '**Document Status**: TBD');
    expect(rules(text)).toEqual(['unresolved@24']);
  });

  it('no rule reports the same range twice on the untouched built-in template', () => {
    const builtin = getBuiltinTemplate();
    const findings = lint(parse(builtin.source), builtin).findings;
    const keys = findings.map((f) => `${f.ruleId}:${f.offset}:${f.endOffset}`);
    expect(new Set(keys).size).toBe(keys.length);
    // And no blank is claimed by two blank rules at the same place.
    const blankRules = new Set(['empty-field', 'empty-table', 'unchanged-from-template', 'empty-section']);
    const ranges = findings.filter((f) => blankRules.has(f.ruleId)).map((f) => `${f.offset}:${f.endOffset}`);
    expect(new Set(ranges).size).toBe(ranges.length);
  });
});
