/**
 * CommonMark list item markers (`-`, `+`, `*`, `1.`, `1)`) and the content column they set,
 * following the reference implementation's parseListMarker (including its tab handling).
 */
import { isSpaceOrTab, skipSpaces, type LineCursor } from './cursor.js';

export interface ListMarker {
  start: number;
  end: number;
  ordered: boolean;
  /** Columns from the container's content to the item's content. */
  contentIndent: number;
  /** Column where the container's content starts. */
  parentColumn: number;
}

/**
 * Reads a list marker at the cursor's next non-space; on success the cursor is left at the item's
 * content. `inParagraph`: the item would interrupt a paragraph (then it must not be empty, and an
 * ordered item must start at 1).
 */
export function parseListMarker(cur: LineCursor, inParagraph: boolean): ListMarker | null {
  const src = cur.src;
  const nn = cur.nextNonspace;
  const end = cur.lineEnd;
  const c = src.charCodeAt(nn);
  let markerEnd: number;
  let ordered = false;
  if (c === 42 || c === 43 || c === 45) {
    markerEnd = nn + 1;
  } else {
    let p = nn;
    while (p < end && p - nn < 10) {
      const d = src.charCodeAt(p);
      if (d < 48 || d > 57) break;
      p++;
    }
    const digits = p - nn;
    if (digits < 1 || digits > 9 || p >= end) return null;
    const delim = src.charCodeAt(p);
    if (delim !== 46 && delim !== 41) return null;
    if (inParagraph && Number(src.slice(nn, p)) !== 1) return null;
    markerEnd = p + 1;
    ordered = true;
  }
  const next = cur.peek(markerEnd);
  if (!(next === -1 || next === 9 || next === 32)) return null;
  if (inParagraph && skipSpaces(src, markerEnd, end) === end) return null;
  const markerOffset = cur.indent;
  const parentColumn = cur.column;
  cur.advanceNextNonspace();
  cur.advanceOffset(markerEnd - nn, true);
  const spacesStartCol = cur.column;
  const spacesStartOffset = cur.offset;
  do {
    cur.advanceOffset(1, true);
  } while (cur.column - spacesStartCol < 5 && isSpaceOrTab(cur.peek(cur.offset)));
  const blankItem = cur.offset >= end;
  const spacesAfter = cur.column - spacesStartCol;
  let padding: number;
  if (spacesAfter >= 5 || spacesAfter < 1 || blankItem) {
    padding = markerEnd - nn + 1;
    cur.column = spacesStartCol;
    cur.offset = spacesStartOffset;
    if (isSpaceOrTab(cur.peek(cur.offset))) cur.advanceOffset(1, true);
  } else {
    padding = markerEnd - nn + spacesAfter;
  }
  return { start: nn, end: markerEnd, ordered, contentIndent: markerOffset + padding, parentColumn };
}
