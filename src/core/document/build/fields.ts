/**
 * `Label: value` recognition on one line: `**Label**: value`, `**Label:** value`, and (in list
 * items) plain `Label: value`. Only the first ~200 characters are examined for the label, so long
 * lines cost nothing extra.
 */
import { skipSpaces, trimEndSpaces } from '../scan/cursor.js';

export interface FieldMatch {
  label: string;
  bold: boolean;
  start: number;
  /** Just past the colon (and closing `**`). */
  colonEnd: number;
  valueStart: number;
  valueEnd: number;
}

const MAX_LABEL = 200;
const PLAIN_LABEL = /^[\p{L}\p{N}][\p{L}\p{N} \-/&.()'+#,]*$/u;
const PLAIN_PUNCT: readonly number[] = [45, 47, 38, 46, 40, 41, 39, 43, 35, 44];

/** Letters, digits, spaces and a little punctuation; starts with a letter or digit; at most 6 words. */
function isPlainLabel(src: string, start: number, end: number): boolean {
  if (end <= start || src.charCodeAt(end - 1) === 32) return false;
  let spaces = 0;
  let ascii = true;
  for (let p = start; p < end; p++) {
    const c = src.charCodeAt(p);
    if (c === 32) {
      if (p === start || ++spaces > 5) return false;
    } else if (c >= 128) ascii = false;
    else if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || PLAIN_PUNCT.includes(c))) return false;
  }
  const first = src.charCodeAt(start);
  if (PLAIN_PUNCT.includes(first)) return false;
  return ascii || PLAIN_LABEL.test(src.slice(start, end));
}

function endsLabel(src: string, pos: number, end: number): boolean {
  if (pos >= end) return true;
  const c = src.charCodeAt(pos);
  return c === 32 || c === 9;
}

/** A field on the text [start, end), or null. */
export function matchField(src: string, start: number, end: number, allowPlain: boolean): FieldMatch | null {
  const s = skipSpaces(src, start, end);
  if (s >= end) return null;
  let label: string;
  let colonEnd: number;
  let bold: boolean;
  if (src.charCodeAt(s) === 42 && src.charCodeAt(s + 1) === 42) {
    const limit = Math.min(end, s + 2 + MAX_LABEL);
    let close = -1;
    for (let p = s + 2; p < limit; p++) {
      if (src.charCodeAt(p) === 42) {
        close = p;
        break;
      }
    }
    if (close < 0 || src.charCodeAt(close + 1) !== 42 || close + 1 >= end) return null;
    const inner = src.slice(s + 2, close).trim();
    if (inner.endsWith(':')) {
      label = inner.slice(0, -1).trim();
      colonEnd = close + 2;
    } else if (src.charCodeAt(close + 2) === 58 && close + 2 < end) {
      label = inner;
      colonEnd = close + 3;
    } else return null;
    bold = true;
  } else {
    if (!allowPlain) return null;
    const limit = Math.min(end, s + MAX_LABEL);
    let colon = -1;
    for (let p = s; p < limit; p++) {
      if (src.charCodeAt(p) === 58) {
        colon = p;
        break;
      }
    }
    if (colon < 0) return null;
    if (!isPlainLabel(src, s, colon)) return null;
    label = src.slice(s, colon);
    colonEnd = colon + 1;
    bold = false;
  }
  if (label === '' || !endsLabel(src, colonEnd, end)) return null;
  const valueStart = skipSpaces(src, colonEnd, end);
  const valueEnd = trimEndSpaces(src, valueStart, end);
  if (valueStart === valueEnd) {
    const at = colonEnd < end && src.charCodeAt(colonEnd) === 32 ? colonEnd + 1 : colonEnd;
    return { label, bold, start: s, colonEnd, valueStart: at, valueEnd: at };
  }
  return { label, bold, start: s, colonEnd, valueStart, valueEnd };
}
