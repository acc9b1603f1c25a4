/**
 * The visible text of a heading's inline Markdown, approximating what GitHub puts in the heading
 * element's textContent (which it slugs for anchors): emphasis marks, code-span backticks, link
 * destinations, images, HTML tags and comments are dropped; escapes and entities are resolved.
 * Linear time: brackets and parentheses are matched with one stack pass, without recursion.
 */
import { ForwardFinder } from '../scan/html-start.js';
import { codeSpans } from './code-spans.js';

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“',
  rdquo: '”', middot: '·', times: '×', divide: '÷', deg: '°', para: '¶', sect: '§', euro: '€',
  pound: '£', yen: '¥', cent: '¢', eacute: 'é', egrave: 'è', agrave: 'à', aacute: 'á', ouml: 'ö',
  uuml: 'ü', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', rarr: '→', larr: '←', harr: '↔',
};

const SPECIAL = /[\\`<&[!_*~]/;

function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/** Matching close index for each `[` and `(` (or -1), ignoring escaped ones and code spans. */
function matchBrackets(text: string, spans: readonly number[]): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const squares: number[] = [];
  const parens: number[] = [];
  let span = 0;
  for (let i = 0; i < text.length; i++) {
    if (span < spans.length && i === spans[span]) {
      i = (spans[span + 1] ?? i + 1) - 1;
      span += 2;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92) {
      i++;
    } else if (c === 91) squares.push(i);
    else if (c === 93) {
      const open = squares.pop();
      if (open !== undefined) match[open] = i;
    } else if (c === 40) parens.push(i);
    else if (c === 41) {
      const open = parens.pop();
      if (open !== undefined) match[open] = i;
    }
  }
  return match;
}

function decodeEntity(text: string, i: number): { value: string; end: number } | null {
  let semi = -1;
  for (let p = i + 1; p < text.length && p - i <= 32; p++) {
    if (text.charCodeAt(p) === 59) {
      semi = p;
      break;
    }
  }
  if (semi === -1) return null;
  const name = text.slice(i + 1, semi);
  if (name.startsWith('#')) {
    const hex = name[1] === 'x' || name[1] === 'X';
    const digits = hex ? name.slice(2) : name.slice(1);
    if (!(hex ? /^[0-9a-f]{1,6}$/i : /^[0-9]{1,7}$/).test(digits)) return null;
    const cp = parseInt(digits, hex ? 16 : 10);
    const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
    return { value: valid ? String.fromCodePoint(cp) : '\ufffd', end: semi + 1 };
  }
  const value = ENTITIES[name];
  return value === undefined ? null : { value, end: semi + 1 };
}

/** Length of an HTML tag, comment or autolink at i (a `<`), with the text it shows; null if none. */
function scanAngle(text: string, i: number, finder: ForwardFinder): { show: string; end: number } | null {
  if (text.startsWith('<!--', i)) {
    const close = finder.next('-->', i + 2);
    return close === -1 ? null : { show: '', end: close + 3 };
  }
  const close = finder.next('>', i + 1);
  if (close === -1 || close - i > 2048) return null;
  const inner = text.slice(i + 1, close);
  if (/^[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*$/.test(inner)) return { show: inner, end: close + 1 };
  if (/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(inner)) return { show: inner, end: close + 1 };
  if (/^\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?$/.test(inner)) return { show: '', end: close + 1 };
  return null;
}

/** Visible text of inline Markdown (for slugs). */
export function inlinePlainText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  const spans = codeSpans(text, 0, text.length);
  const match = text.includes('[') ? matchBrackets(text, spans) : null;
  const skipFrom = new Map<number, number>();
  const finder = new ForwardFinder(text);
  let out = '';
  let span = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const jump = skipFrom.get(i);
    if (jump !== undefined) {
      i = jump;
      continue;
    }
    if (span < spans.length && i === spans[span]) {
      const closeEnd = spans[span + 1] ?? n;
      let open = i;
      while (text.charCodeAt(open) === 96) open++;
      const ticks = open - i;
      let content = text.slice(open, closeEnd - ticks).replace(/\r\n|\r|\n/g, ' ');
      if (content.length > 1 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
      out += content;
      span += 2;
      i = closeEnd;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < n && isAsciiPunct(text.charCodeAt(i + 1))) {
      out += text[i + 1] ?? '';
      i += 2;
    } else if (c === 60) {
      const angle = scanAngle(text, i, finder);
      if (angle) {
        out += angle.show;
        i = angle.end;
      } else {
        out += '<';
        i++;
      }
    } else if (c === 38) {
      const entity = decodeEntity(text, i);
      if (entity) {
        out += entity.value;
        i = entity.end;
      } else {
        out += '&';
        i++;
      }
    } else if ((c === 91 || (c === 33 && text.charCodeAt(i + 1) === 91)) && match) {
      const open = c === 33 ? i + 1 : i;
      const close = match[open] ?? -1;
      const after = close + 1;
      const destClose = close >= 0 && text.charCodeAt(after) === 40 ? match[after] ?? -1 : -1;
      const refClose = close >= 0 && text.charCodeAt(after) === 91 ? match[after] ?? -1 : -1;
      const linkEnd = destClose >= 0 ? destClose + 1 : refClose >= 0 ? refClose + 1 : -1;
      if (linkEnd < 0) {
        out += text[i] ?? '';
        i++;
      } else if (c === 33) {
        i = linkEnd;
      } else {
        skipFrom.set(close, linkEnd);
        i = open + 1;
      }
    } else if (c === 95) {
      if (i > 0 && i + 1 < n && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1))) out += '_';
      i++;
    } else if (c === 42 || c === 126) {
      i++;
    } else {
      out += text[i] ?? '';
      i++;
    }
  }
  return out;
}
