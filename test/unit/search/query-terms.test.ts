import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../src/server/search/query-terms.js';
import { fts5Match } from '../../../src/server/search/sqlite-fts5.js';

describe('searchTerms', () => {
  it('keeps distinct lower-case words in order, without stop words', () => {
    expect(searchTerms('The Cache AND the cache OR token')).toEqual(['cache', 'token']);
  });

  it('reads operators, quotes and SQL as separators', () => {
    expect(searchTerms(`"a*" NEAR(x y, 2) -b:c ^d {e f}: (g) h' ; -- j`)).toEqual(['near', 'x', 'y', '2', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j']);
  });

  it('keeps letters of any script, digits and the combining marks of a word', () => {
    expect(searchTerms('Straße p99 日本語 cafe\u0301 \u0301alone')).toEqual(['straße', 'p99', '日本語', 'cafe\u0301', 'alone']);
  });

  it('finds nothing in punctuation, symbols, emoji or control characters', () => {
    expect(searchTerms('"*^:()-+{}; --\u0000\u0001 🚀 \uE000')).toEqual([]);
  });
});

describe('fts5Match', () => {
  it('quotes every word as an FTS5 string, doubling quotes', () => {
    expect(fts5Match(['cache', 'near', 'a"b'])).toBe('"cache" "near" "a""b"');
  });
});
