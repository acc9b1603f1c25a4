import type { SourcePosition, SourceRange } from '../document/types.js';

/**
 * Where each line starts and where its content ends (before `\n`, `\r\n` or `\r`), computed once
 * per text. A text ending with a line ending has a final empty line, so every offset from 0 to
 * `text.length` falls on a line.
 */
export interface LineTable {
  /** Offset of each line's first code unit. */
  readonly starts: Int32Array;
  /** Offset of each line's line ending (or the text length for the last line). */
  readonly ends: Int32Array;
  readonly count: number;
  readonly textLength: number;
}

/** Splits a text into lines in one pass (CommonMark line endings: LF, CRLF, CR). */
export function buildLineTable(text: string): LineTable {
  const length = text.length;
  const hasCR = text.indexOf('\r') !== -1;
  // Count first so each array is allocated once at its final size.
  let count = 1;
  if (hasCR) {
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
    }
  } else {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  }
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let lineStart = 0;
  for (let n = 0; n < count; n++) {
    let eol: number;
    let next: number;
    if (hasCR) {
      eol = lineStart;
      while (eol < length) {
        const c = text.charCodeAt(eol);
        if (c === 10 || c === 13) break;
        eol++;
      }
      next = eol < length && text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10 ? eol + 2 : eol + 1;
    } else {
      eol = text.indexOf('\n', lineStart);
      if (eol === -1) eol = length;
      next = eol + 1;
    }
    starts[n] = lineStart;
    ends[n] = eol;
    lineStart = next;
  }
  return { starts, ends, count, textLength: length };
}

/** 0-based index of the line holding `offset` (clamped to the text). */
export function lineIndexAt(table: LineTable, offset: number): number {
  const starts = table.starts;
  let lo = 0;
  let hi = table.count - 1;
  if (offset <= 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and column of an offset (column counts UTF-16 code units). */
export function positionIn(table: LineTable, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, table.textLength));
  const index = lineIndexAt(table, clamped);
  return { offset: clamped, line: index + 1, column: clamped - (table.starts[index] ?? 0) + 1 };
}

/** A SourceRange for [start, end); endLine is the line of the last code unit (startLine when empty). */
export function rangeIn(table: LineTable, start: number, end: number): SourceRange {
  const startLine = lineIndexAt(table, start) + 1;
  const endLine = end > start ? lineIndexAt(table, end - 1) + 1 : startLine;
  return { start, end, startLine, endLine };
}

/** A SourceRange when the 0-based lines are already known (no search). */
export function rangeFromLines(start: number, end: number, firstLine: number, lastLine: number): SourceRange {
  return { start, end, startLine: firstLine + 1, endLine: end > start ? lastLine + 1 : firstLine + 1 };
}
