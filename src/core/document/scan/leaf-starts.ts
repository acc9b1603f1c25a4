/**
 * Line-level recognisers for leaf block starts. Each looks at one line from `pos` (the first
 * non-space) to `end` with plain loops: no regular expressions, so a 1 MB line costs one pass.
 */
import { isSpaceOrTab, skipSpaces, trimEndSpaces } from './cursor.js';
import { htmlBlockStartType } from './html-start.js';

/** Result of matchAtxHeading, reused for every heading (one object per scan, not per heading). */
export class AtxMatch {
  declare level: number;
  declare textStart: number;
  declare textEnd: number;

  constructor() {
    this.level = 0;
    this.textStart = 0;
    this.textEnd = 0;
  }
}

const sharedAtx = new AtxMatch();

/**
 * `#`…`######` followed by a space, tab or the line end; the text without the closing sequence.
 * The returned object is shared: read it before the next call.
 */
export function matchAtxHeading(src: string, pos: number, end: number): AtxMatch | null {
  let p = pos;
  while (p < end && src.charCodeAt(p) === 35) p++;
  const level = p - pos;
  if (level < 1 || level > 6) return null;
  if (p < end && !isSpaceOrTab(src.charCodeAt(p))) return null;
  const textStart = skipSpaces(src, p, end);
  let textEnd = trimEndSpaces(src, textStart, end);
  let h = textEnd;
  while (h > textStart && src.charCodeAt(h - 1) === 35) h--;
  if (h === textStart) textEnd = textStart;
  else if (h < textEnd && isSpaceOrTab(src.charCodeAt(h - 1))) textEnd = trimEndSpaces(src, textStart, h);
  sharedAtx.level = level;
  sharedAtx.textStart = textStart;
  sharedAtx.textEnd = textEnd;
  return sharedAtx;
}

/** Length of an opening code fence at `pos` (0 when none). */
export function matchOpeningFence(src: string, pos: number, end: number): number {
  const c = src.charCodeAt(pos);
  if (c !== 96 && c !== 126) return 0;
  let p = pos;
  while (p < end && src.charCodeAt(p) === c) p++;
  const length = p - pos;
  if (length < 3) return 0;
  if (c === 96) for (let q = p; q < end; q++) if (src.charCodeAt(q) === 96) return 0;
  return length;
}

/** True when the line is a closing fence for `fenceChar` at least `minLength` long. */
export function matchClosingFence(src: string, pos: number, end: number, fenceChar: number, minLength: number): boolean {
  let p = pos;
  while (p < end && src.charCodeAt(p) === fenceChar) p++;
  if (p - pos < minLength) return false;
  return skipSpaces(src, p, end) === end;
}

/** Three or more `*`, `-` or `_` (the same character), with only spaces or tabs between. */
export function isThematicBreak(src: string, pos: number, end: number): boolean {
  const c = src.charCodeAt(pos);
  if (c !== 42 && c !== 45 && c !== 95) return false;
  let count = 0;
  for (let p = pos; p < end; p++) {
    const d = src.charCodeAt(p);
    if (d === c) count++;
    else if (d !== 32 && d !== 9) return false;
  }
  return count >= 3;
}

/** Setext underline level (1 for `=`, 2 for `-`), or 0. */
export function setextUnderlineLevel(src: string, pos: number, end: number): number {
  const c = src.charCodeAt(pos);
  if (c !== 61 && c !== 45) return 0;
  let p = pos;
  while (p < end && src.charCodeAt(p) === c) p++;
  if (skipSpaces(src, p, end) !== end) return 0;
  return c === 61 ? 1 : 2;
}

/**
 * Column count of a GFM table delimiter row (`|---|:-:|`), or 0 when the line is not one.
 * Mirrors markdown-it's rules so both agree on which lines start tables.
 */
export function delimiterRowColumns(src: string, pos: number, end: number): number {
  if (pos >= end) return 0;
  const first = src.charCodeAt(pos);
  if (first !== 124 && first !== 45 && first !== 58) return 0;
  if (pos + 1 >= end) return 0;
  const second = src.charCodeAt(pos + 1);
  if (second !== 124 && second !== 45 && second !== 58 && !isSpaceOrTab(second)) return 0;
  if (first === 45 && isSpaceOrTab(second)) return 0;
  for (let p = pos + 2; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c !== 124 && c !== 45 && c !== 58 && !isSpaceOrTab(c)) return 0;
  }
  let columns = 0;
  let cellStart = pos;
  let index = 0;
  for (let p = pos; p <= end; p++) {
    if (p < end && src.charCodeAt(p) !== 124) continue;
    const s = skipSpaces(src, cellStart, p);
    const e = trimEndSpaces(src, s, p);
    const isLast = p === end;
    if (s === e) {
      if (index !== 0 && !isLast) return 0;
    } else {
      if (!isAlignCell(src, s, e)) return 0;
      columns++;
    }
    index++;
    cellStart = p + 1;
  }
  return columns;
}

function isAlignCell(src: string, s: number, e: number): boolean {
  if (src.charCodeAt(s) === 58) s++;
  if (e > s && src.charCodeAt(e - 1) === 58) e--;
  if (s >= e) return false;
  for (let p = s; p < e; p++) if (src.charCodeAt(p) !== 45) return false;
  return true;
}

/** Alignment of each delimiter-row column. */
export function delimiterAligns(src: string, pos: number, end: number): ('left' | 'center' | 'right' | null)[] {
  const aligns: ('left' | 'center' | 'right' | null)[] = [];
  let cellStart = pos;
  for (let p = pos; p <= end; p++) {
    if (p < end && src.charCodeAt(p) !== 124) continue;
    const s = skipSpaces(src, cellStart, p);
    const e = trimEndSpaces(src, s, p);
    if (s < e) {
      const left = src.charCodeAt(s) === 58;
      const right = src.charCodeAt(e - 1) === 58 && e - 1 > s;
      aligns.push(left && right ? 'center' : right ? 'right' : left ? 'left' : null);
    }
    cellStart = p + 1;
  }
  return aligns;
}

/**
 * Cell count of a header row as markdown-it counts it (split on `|` not preceded by `\\`, outer
 * empty cells dropped); -1 when the row has no `|` at all.
 */
export function headerCellCount(src: string, start: number, end: number): number {
  const s = skipSpaces(src, start, end);
  const e = trimEndSpaces(src, s, end);
  let count = 1;
  let sawPipe = false;
  let prevBackslash = false;
  let lastSplit = -1;
  for (let p = s; p < e; p++) {
    const c = src.charCodeAt(p);
    if (c === 124) {
      sawPipe = true;
      if (!prevBackslash) {
        count++;
        lastSplit = p;
      }
    }
    prevBackslash = c === 92;
  }
  if (!sawPipe) return -1;
  if (src.charCodeAt(s) === 124) count--;
  if (lastSplit === e - 1 && count > 0) count--;
  return count;
}

/** True when text at pos starts a block that ends a definition or paragraph in markdown-it's rules. */
export function startsBlock(src: string, pos: number, end: number): boolean {
  const c = src.charCodeAt(pos);
  switch (c) {
    case 35:
      return matchAtxHeading(src, pos, end) !== null;
    case 96: case 126:
      return matchOpeningFence(src, pos, end) > 0;
    case 62:
      return true;
    case 60: {
      const type = htmlBlockStartType(src, pos, end);
      return type > 0 && type < 7;
    }
    case 42: case 45: case 95: case 43:
      if (isThematicBreak(src, pos, end)) return true;
      if (c === 95) return false;
      return pos + 1 >= end || isSpaceOrTab(src.charCodeAt(pos + 1));
    default: {
      if (c < 48 || c > 57) return false;
      let p = pos;
      while (p < end && p - pos < 10 && src.charCodeAt(p) >= 48 && src.charCodeAt(p) <= 57) p++;
      const d = src.charCodeAt(p);
      return p - pos <= 9 && p < end && (d === 46 || d === 41) && (p + 1 >= end || isSpaceOrTab(src.charCodeAt(p + 1)));
    }
  }
}

/** First characters that may start a block other than a paragraph. */
export function maybeSpecial(c: number): boolean {
  switch (c) {
    case 35: case 96: case 126: case 42: case 43: case 95: case 61: case 60: case 62: case 45: case 124: case 58:
      return true;
    default:
      return c >= 48 && c <= 57;
  }
}
