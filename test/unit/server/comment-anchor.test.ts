import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/index.js';
import { locateAnchor } from '../../../src/server/services/comments/index.js';

const BASE = '# T\n\n## Alpha\nOne fish, two fish.\n\n### Deep\nRed fish.\n\n## Beta\nBlue fish.\n';

describe('locateAnchor', () => {
  it('finds the quote in its section, nearest to where it was', () => {
    const doc = parse(BASE);
    const first = locateAnchor(doc, { sectionPath: 'alpha', quote: 'fish', quoteOffset: 0 });
    const second = locateAnchor(doc, { sectionPath: 'alpha', quote: 'fish', quoteOffset: '## Alpha\nOne fish, two '.length });
    expect(first).toMatchObject({ outdated: false, sectionPath: 'alpha', start: BASE.indexOf('fish'), line: 4 });
    expect(second).toMatchObject({ outdated: false, start: BASE.indexOf('fish', BASE.indexOf('fish') + 1) });
    expect(locateAnchor(doc, { sectionPath: 'alpha', quote: 'Red fish', quoteOffset: null })).toMatchObject({ outdated: false, line: 7 });
  });

  it('is outdated when the quote left its section, even if it occurs elsewhere', () => {
    const doc = parse(BASE.replace('One fish, two fish.', 'Nothing here.'));
    expect(locateAnchor(doc, { sectionPath: 'alpha', quote: 'two fish', quoteOffset: 0 }).outdated).toBe(true);
    expect(locateAnchor(parse(BASE), { sectionPath: 'beta', quote: 'Red fish', quoteOffset: 0 }).outdated).toBe(true);
  });

  it('re-anchors a renamed section by a quote that occurs once; stays outdated when ambiguous or gone', () => {
    const renamed = parse(BASE.replace('## Beta', '## Gamma'));
    expect(locateAnchor(renamed, { sectionPath: 'beta', quote: 'Blue fish', quoteOffset: 0 })).toMatchObject({ outdated: false, sectionPath: 'gamma' });
    expect(locateAnchor(renamed, { sectionPath: 'beta', quote: 'fish', quoteOffset: 0 }).outdated).toBe(true);
    expect(locateAnchor(renamed, { sectionPath: 'beta', quote: null, quoteOffset: null }).outdated).toBe(true);
    expect(locateAnchor(renamed, { sectionPath: 'alpha/deep', quote: null, quoteOffset: null })).toMatchObject({ outdated: false, sectionPath: 'alpha/deep' });
  });
});
