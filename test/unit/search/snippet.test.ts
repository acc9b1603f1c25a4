import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S, snippetParts } from '../../../src/server/search/snippet.js';

describe('snippetParts', () => {
  it('splits marked engine output into alternating text and match parts', () => {
    expect(snippetParts(`a <b> ${S}cache${E} & ${S}token${E}`)).toEqual([
      { text: 'a <b> ', match: false },
      { text: 'cache', match: true },
      { text: ' & ', match: false },
      { text: 'token', match: true },
    ]);
  });

  it('merges adjacent matches and drops empty parts', () => {
    expect(snippetParts(`${S}a${E}${S}b${E}`)).toEqual([{ text: 'ab', match: true }]);
    expect(snippetParts('')).toEqual([]);
  });

  it('keeps astral characters whole', () => {
    expect(snippetParts(`🚀${S}x${E}`)).toEqual([{ text: '🚀', match: false }, { text: 'x', match: true }]);
  });
});
