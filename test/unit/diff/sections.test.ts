import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/document/index.js';
import { diffSections } from '../../../src/core/diff/index.js';

const before = '# Spec\n\n## Overview\nOld text.\n\n### Scope\nAll.\n\n## Design\nSame.\n\n## Legacy\nGone soon.\n\n## Risks\nFew.\n\n';
const after = '# Spec\n\n## Overview\nNew text.\n\n### Scope\nAll.\n\n## Design\nSame.\n\n## Risks\nFew.\n\n## Rollout\nSlowly.\n';

describe('diffSections', () => {
  const diff = diffSections(parse(before), parse(after));

  it('classifies each section path as added, removed, changed or unchanged', () => {
    expect(diff.map((d) => [d.path, d.status])).toEqual([
      ['', 'unchanged'],
      ['overview', 'changed'],
      ['overview/scope', 'unchanged'],
      ['design', 'unchanged'],
      ['legacy', 'removed'],
      ['risks', 'unchanged'],
      ['rollout', 'added'],
    ]);
  });

  it("gives each section's own text before and after (subsections excluded)", () => {
    const overview = diff.find((d) => d.path === 'overview');
    expect(overview).toMatchObject({ heading: 'Overview', level: 2, before: '## Overview\nOld text.\n\n', after: '## Overview\nNew text.\n\n' });
    expect(diff.find((d) => d.path === 'legacy')).toMatchObject({ before: '## Legacy\nGone soon.\n\n', after: null });
    expect(diff.find((d) => d.path === 'rollout')).toMatchObject({ before: null, after: '## Rollout\nSlowly.\n' });
    expect(diff.find((d) => d.path === '')).toMatchObject({ heading: 'Spec', before: '# Spec\n\n', after: '# Spec\n\n' });
  });

  it('shows a line-ending-only change (CRLF vs LF) as changed', () => {
    const crlf = diffSections(parse('## A\nx\n'), parse('## A\r\nx\r\n'));
    expect(crlf).toEqual([{ path: 'a', status: 'changed', heading: 'A', level: 2, before: '## A\nx\n', after: '## A\r\nx\r\n' }]);
  });

  it('reports every section unchanged for identical documents and rebuilds the sources from the parts', () => {
    const same = diffSections(parse(after), parse(after));
    expect(same.every((d) => d.status === 'unchanged')).toBe(true);
    expect(same.map((d) => d.after).join('')).toBe(after);
    expect(diff.filter((d) => d.before !== null).map((d) => d.before).join('')).toBe(before);
  });

  it('compares bytes exactly: a trailing blank line added before a new section is a change', () => {
    const d = diffSections(parse('## A\nx\n'), parse('## A\nx\n\n## B\ny\n'));
    expect(d.map((x) => [x.path, x.status])).toEqual([
      ['a', 'changed'],
      ['b', 'added'],
    ]);
  });

  it('places a removed section after the nearest section before it that still exists', () => {
    const d = diffSections(parse('## A\n## B\n## C\n'), parse('## C\n## A\n'));
    expect(d.map((x) => [x.path, x.status])).toEqual([
      ['c', 'unchanged'],
      ['a', 'unchanged'],
      ['b', 'removed'],
    ]);
  });
});
