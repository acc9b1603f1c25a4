// User input never reaches a full-text query language: it is reduced to plain words here, and each
// engine module turns those words into its own syntax (quoted FTS5 strings, plainto_tsquery).
// Operators (" * ^ : - + ( ) { } & | ! <->), SQL metacharacters and control characters are
// separators and operator words (AND, OR, NOT) are stop words, so any input either yields words or
// none. What remains means: sections containing all of these words.
import { STOP_WORDS } from './stop-words.js';

/** Longest accepted query text (characters). */
export const MAX_QUERY_LENGTH = 500;
/** Most distinct words in one query: each is one more index lookup. */
export const MAX_QUERY_TERMS = 32;

// A word starts with a letter or digit; combining marks belong to the word they follow.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** The distinct lower-case words of a query that are not stop words, in order of first appearance. */
export function searchTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    if (!STOP_WORDS.has(word)) seen.add(word);
  }
  return [...seen];
}
