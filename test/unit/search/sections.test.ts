import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/core/index.js';
import { indexedSections, MAX_INDEXED_CHARS, searchableText } from '../../../src/server/search/sections.js';

describe('indexedSections', () => {
  it('has a row for the title and preamble, then one per section with its own body', () => {
    const doc = parse('# Title\n\nIntro text.\n\n## One\n\nFirst body.\n\n### Sub\n\nSub body.\n\n## Two\n');
    expect(indexedSections(doc)).toEqual([
      { path: '', title: 'Title', body: 'Intro text.' },
      { path: 'one', title: 'One', body: 'First body.' },
      { path: 'one/sub', title: 'Sub', body: 'Sub body.' },
      { path: 'two', title: 'Two', body: '' },
    ]);
  });

  it('has no top row for a document without title or preamble', () => {
    expect(indexedSections(parse('## Only\n\nText\n')).map((r) => r.path)).toEqual(['only']);
  });
});

describe('searchableText', () => {
  it('drops HTML comments and the snippet markers, and collapses whitespace', () => {
    expect(searchableText('a <!-- guidance\n text --> b\n\n\tc \uE000d\uE001 <!-- open')).toBe('a b c d');
  });

  it('caps the text without splitting a surrogate pair', () => {
    const text = `${'x'.repeat(MAX_INDEXED_CHARS - 1)}🚀tail`;
    const capped = searchableText(text);
    expect(capped).toBe('x'.repeat(MAX_INDEXED_CHARS - 1));
  });
});
