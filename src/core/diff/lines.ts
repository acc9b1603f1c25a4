import { diffLines as jsDiffLines, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { DiffOptions, DiffPart } from './types.js';

/** Past this many changed lines an exact line diff costs seconds; see DiffOptions. */
export const DEFAULT_MAX_EDIT_LINES = 2000;
/** Past this many changed tokens an exact word diff is not worth it for highlighting. */
export const DEFAULT_MAX_EDIT_WORDS = 2000;

/** Line diff of two texts; each line keeps its ending, so CRLF vs LF counts as a change. */
export function diffLines(a: string, b: string, options: DiffOptions = {}): DiffPart[] {
  if (a === b) return a === '' ? [] : [{ type: 'unchanged', value: a, count: countLines(a) }];
  const changes = jsDiffLines(a, b, { maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_LINES });
  return changes ? toParts(changes) : coarseLineDiff(a, b);
}

/** Word diff for highlighting inside changed lines: words, spaces and line endings are tokens. */
export function diffWords(a: string, b: string, options: DiffOptions = {}): DiffPart[] {
  if (a === b) return a === '' ? [] : [{ type: 'unchanged', value: a, count: 1 }];
  const changes = diffWordsWithSpace(a, b, { maxEditLength: options.maxEditLength ?? DEFAULT_MAX_EDIT_WORDS });
  if (changes) return toParts(changes);
  const prefix = commonPrefixLength(a, b);
  const suffix = commonSuffixLength(a, b, prefix);
  return compact([
    { type: 'unchanged', value: a.slice(0, prefix), count: 1 },
    { type: 'removed', value: a.slice(prefix, a.length - suffix), count: 1 },
    { type: 'added', value: b.slice(prefix, b.length - suffix), count: 1 },
    { type: 'unchanged', value: a.slice(a.length - suffix), count: 1 },
  ]);
}

/** Splits text into lines, each keeping its `\n` (and so any `\r` before it). */
export function splitLinesKeepEnds(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

function countLines(text: string): number {
  return splitLinesKeepEnds(text).length;
}

function toParts(changes: readonly ChangeObject<string>[]): DiffPart[] {
  return changes
    .filter((c) => c.value !== '')
    .map((c) => ({ type: c.added ? 'added' : c.removed ? 'removed' : 'unchanged', value: c.value, count: c.count }));
}

function coarseLineDiff(a: string, b: string): DiffPart[] {
  const la = splitLinesKeepEnds(a);
  const lb = splitLinesKeepEnds(b);
  let head = 0;
  while (head < la.length && head < lb.length && la[head] === lb[head]) head += 1;
  let tail = 0;
  while (tail < la.length - head && tail < lb.length - head && la[la.length - 1 - tail] === lb[lb.length - 1 - tail]) {
    tail += 1;
  }
  const part = (type: DiffPart['type'], lines: string[]): DiffPart => ({ type, value: lines.join(''), count: lines.length });
  return compact([
    part('unchanged', la.slice(0, head)),
    part('removed', la.slice(head, la.length - tail)),
    part('added', lb.slice(head, lb.length - tail)),
    part('unchanged', la.slice(la.length - tail)),
  ]);
}

function compact(parts: DiffPart[]): DiffPart[] {
  return parts.filter((p) => p.value !== '');
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  return i;
}

function commonSuffixLength(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i += 1;
  return i;
}
