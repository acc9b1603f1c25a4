/**
 * Splits a GFM table row into cells: on `|` not escaped as `\|` and not inside a code span.
 */
import { codeSpans } from './code-spans.js';

export interface CellSpan {
  /** Between the pipes. */
  rawStart: number;
  rawEnd: number;
  /** Trimmed content. */
  start: number;
  end: number;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Cells of the row text [start, end) (already without container markers). */
export function splitRow(src: string, start: number, end: number): CellSpan[] {
  while (start < end && isBlank(src.charCodeAt(start))) start++;
  while (end > start && isBlank(src.charCodeAt(end - 1))) end--;
  const spans = codeSpans(src, start, end);
  const pipes: number[] = [];
  let span = 0;
  for (let p = start; p < end; p++) {
    if (span < spans.length && p === spans[span]) {
      p = (spans[span + 1] ?? p + 1) - 1;
      span += 2;
      continue;
    }
    if (src.charCodeAt(p) === 124 && !(p > start && src.charCodeAt(p - 1) === 92)) pipes.push(p);
  }
  const cells: CellSpan[] = [];
  let cellStart = start;
  const bounds = [...pipes, end];
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] ?? end;
    const isFirstEmpty = i === 0 && b === start && pipes.length > 0;
    const isLastEmpty = i === bounds.length - 1 && cellStart === end && pipes.length > 0;
    if (!isFirstEmpty && !isLastEmpty) {
      let s = cellStart;
      let e = b;
      while (s < e && isBlank(src.charCodeAt(s))) s++;
      while (e > s && isBlank(src.charCodeAt(e - 1))) e--;
      if (s === e) s = e = b > cellStart ? cellStart + 1 : cellStart;
      cells.push({ rawStart: cellStart, rawEnd: b, start: s, end: e });
    }
    cellStart = b + 1;
  }
  return cells;
}
