// Every kind of hostile search input, each with the answer it must get. Shared by the port-level
// suite (the engines never fail on the sanitized words) and the HTTP suite (200 or a 400 problem
// with the given code, never a 500).

export type HostileOutcome =
  /** Sanitized into plain words: 200 (maybe no hits); `finds` says whether the probe spec matches. */
  | { readonly status: 200; readonly finds: boolean }
  | { readonly status: 400; readonly code: 'search_query_empty' | 'search_query_too_long' | 'nul_character' };

export interface HostileQuery {
  readonly name: string;
  readonly q: string;
  /** Sent in the URL exactly as written (not percent-encoded), as a hand-made request would. */
  readonly raw?: boolean;
  readonly outcome: HostileOutcome;
}

/** The probe spec every "finds: true" query must find: it contains these words and nothing odd. */
export const PROBE_MARKDOWN = '# Probe\n\n## Retry policy\n\nThe cache token rotates; Redis holds the quux value.\n';

const found = { status: 200, finds: true } as const;
const notFound = { status: 200, finds: false } as const;
const empty = { status: 400, code: 'search_query_empty' } as const;
const tooLong = { status: 400, code: 'search_query_too_long' } as const;

const distinctWords = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}x`).join(' ');

export const HOSTILE_QUERIES: readonly HostileQuery[] = [
  // FTS5 syntax
  { name: 'lone double quote', q: '"', outcome: empty },
  { name: 'unterminated phrase', q: '"cache token', outcome: found },
  { name: 'quoted phrase with embedded quote', q: '"cache" "tok"en"', outcome: notFound },
  { name: 'prefix star', q: 'cac*', outcome: notFound },
  { name: 'star alone', q: '*', outcome: empty },
  { name: 'word star', q: 'cache*', outcome: found },
  { name: 'NEAR group', q: 'NEAR(cache token, 2)', outcome: notFound },
  { name: 'NEAR alone', q: 'NEAR', outcome: notFound },
  { name: 'AND operator', q: 'cache AND token', outcome: found },
  { name: 'OR operator', q: 'cache OR zzzmissing', outcome: notFound },
  { name: 'NOT operator', q: 'cache NOT token', outcome: found },
  { name: 'operators only', q: 'AND OR NOT', outcome: empty },
  { name: 'minus prefix', q: '-cache', outcome: found },
  { name: 'minus between words', q: 'cache -token', outcome: found },
  { name: 'column filter', q: 'body:cache', outcome: notFound },
  { name: 'column filter on a real column', q: 'section_title:retry', outcome: notFound },
  { name: 'column set filter', q: '{body section_title}: cache', outcome: notFound },
  { name: 'colon alone', q: ':', outcome: empty },
  { name: 'open parenthesis', q: '(cache', outcome: found },
  { name: 'nested parentheses only', q: '((()))', outcome: empty },
  { name: 'caret initial token', q: '^cache', outcome: found },
  { name: 'plus', q: '+cache +token', outcome: found },
  // PostgreSQL tsquery and websearch syntax
  { name: 'tsquery and/or/not', q: 'cache & token | !redis', outcome: found },
  { name: 'tsquery prefix', q: 'cac:*', outcome: notFound },
  { name: 'tsquery weight', q: 'cache:A', outcome: found },
  { name: 'tsquery followed-by', q: 'cache <-> token', outcome: found },
  { name: 'websearch syntax', q: '"cache token" -redis or quux', outcome: found },
  // SQL metacharacters
  { name: 'single quote', q: "'", outcome: empty },
  { name: 'quote breakout', q: "cache' OR '1'='1", outcome: notFound },
  { name: 'statement injection', q: "cache'; DROP TABLE specs; --", outcome: notFound },
  { name: 'comment only', q: '; --', outcome: empty },
  { name: 'LIKE wildcards and escapes', q: '%cache_ \\token', outcome: found },
  { name: 'bind placeholders', q: '$1 ? :name cache', outcome: notFound },
  // Characters
  { name: 'NUL', q: 'cache\u0000token', outcome: { status: 400, code: 'nul_character' } },
  // A URL cannot carry a lone surrogate: clients encode it as U+FFFD, which is not a word.
  { name: 'lone surrogate', q: 'cache \ud800', outcome: found },
  // Undecodable escapes reach the server as the literal text.
  { name: 'invalid UTF-8 escapes', q: 'cache%20%ED%A0%80', raw: true, outcome: notFound },
  { name: 'broken escape', q: 'cache+token%', raw: true, outcome: found },
  { name: 'control characters', q: 'cache\u0001\u001ftoken\u007f', outcome: found },
  { name: 'line breaks and tabs', q: '\tcache\r\ntoken\n', outcome: found },
  { name: 'emoji only', q: '🚀 👩‍💻', outcome: empty },
  { name: 'combining mark only', q: '\u0301', outcome: empty },
  { name: 'private-use snippet markers', q: '\ue000cache\ue001', outcome: found },
  { name: 'HTML', q: '<mark>cache</mark><script>alert(1)</script>', outcome: notFound },
  { name: 'upper case', q: 'CACHE TOKEN', outcome: found },
  { name: 'accented and non-Latin', q: 'Straße 日本語 ÇAFÉ', outcome: notFound },
  // Sizes
  { name: 'empty', q: '', outcome: empty },
  { name: 'blank', q: '   \t ', outcome: empty },
  { name: 'stop words only', q: 'the and of', outcome: empty },
  { name: 'longest allowed text', q: `${'cache '.repeat(82)}quux`.padEnd(500, '.'), outcome: found },
  { name: 'one character too long', q: 'c'.repeat(501), outcome: tooLong },
  { name: 'very long', q: 'cache '.repeat(1_000), outcome: tooLong },
  { name: 'one 500-character word', q: 'x'.repeat(500), outcome: notFound },
  { name: '32 distinct words', q: distinctWords(32), outcome: notFound },
  { name: '33 distinct words', q: distinctWords(33), outcome: tooLong },
];
