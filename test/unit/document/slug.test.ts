import fc from 'fast-check';
import GithubSlugger, { slug } from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { DocumentSlugger, asciiSlug, headingSlug } from '../../../src/core/document/inline/slug.js';

describe('slugs', () => {
  it('the ASCII fast path equals github-slugger for every ASCII string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (s) => asciiSlug(s) === slug(s)), { numRuns: 5000 });
  }, 30_000);

  it('headingSlug equals github-slugger for any text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (s) => headingSlug(s) === slug(s)), { numRuns: 3000 });
  }, 30_000);

  it('numbers repeats exactly as GithubSlugger does over a whole document (property)', () => {
    const words = fc.array(fc.constantFrom('a', 'a-1', 'A', 'b', 'a 1', 'a-1-1', 'Ünïcode', ''), { maxLength: 30 });
    fc.assert(
      fc.property(words, (list) => {
        const ours = new DocumentSlugger();
        const theirs = new GithubSlugger();
        expect(list.map((w) => ours.slug(w))).toEqual(list.map((w) => theirs.slug(w)));
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
