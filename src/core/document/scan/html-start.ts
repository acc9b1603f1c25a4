/**
 * CommonMark HTML block start conditions (types 1-7) and end conditions (types 1-5), scanned by
 * hand so that a long line cannot trigger regular-expression backtracking.
 */

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr',
  'html', 'iframe', 'legend', 'li', 'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol',
  'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'title', 'tr', 'track', 'ul',
]);

const RAW_TAGS = ['script', 'pre', 'style', 'textarea'];

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isTagNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45;
}

function isWhite(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** HTML block type (1-7) starting at `pos` (a `<`), or 0. */
export function htmlBlockStartType(src: string, pos: number, end: number): number {
  if (src.charCodeAt(pos) !== 60 || pos + 1 >= end) return 0;
  const c1 = src.charCodeAt(pos + 1);
  if (c1 === 33) {
    if (src.startsWith('<!--', pos) && pos + 4 <= end) return 2;
    if (src.startsWith('<![CDATA[', pos) && pos + 9 <= end) return 5;
    if (pos + 2 < end && isAsciiLetter(src.charCodeAt(pos + 2))) return 4;
    return 0;
  }
  if (c1 === 63) return 3;
  const closing = c1 === 47;
  const nameStart = closing ? pos + 2 : pos + 1;
  if (nameStart >= end || !isAsciiLetter(src.charCodeAt(nameStart))) return 0;
  let p = nameStart;
  while (p < end && isTagNameChar(src.charCodeAt(p))) p++;
  const name = src.slice(nameStart, p).toLowerCase();
  const after = p < end ? src.charCodeAt(p) : -1;
  if (!closing && RAW_TAGS.includes(name) && (after === -1 || after === 62 || isWhite(after))) return 1;
  if (BLOCK_TAGS.has(name)) {
    if (after === -1 || after === 62 || isWhite(after)) return 6;
    if (after === 47 && p + 1 < end && src.charCodeAt(p + 1) === 62) return 6;
  }
  const tagEnd = closing ? scanClosingTagRest(src, p, end) : scanOpenTagRest(src, p, end);
  if (tagEnd < 0) return 0;
  for (let q = tagEnd; q < end; q++) if (!isWhite(src.charCodeAt(q))) return 0;
  return 7;
}

/** After `</name`: optional whitespace then `>`; returns the index after `>` or -1. */
function scanClosingTagRest(src: string, p: number, end: number): number {
  while (p < end && isWhite(src.charCodeAt(p))) p++;
  return p < end && src.charCodeAt(p) === 62 ? p + 1 : -1;
}

/** After `<name`: attributes, optional `/`, `>`; returns the index after `>` or -1. */
function scanOpenTagRest(src: string, p: number, end: number): number {
  for (;;) {
    const wsStart = p;
    while (p < end && isWhite(src.charCodeAt(p))) p++;
    if (p >= end) return -1;
    const c = src.charCodeAt(p);
    if (c === 62) return p + 1;
    if (c === 47) return p + 1 < end && src.charCodeAt(p + 1) === 62 ? p + 2 : -1;
    if (p === wsStart) return -1;
    if (!(isAsciiLetter(c) || c === 95 || c === 58)) return -1;
    p++;
    while (p < end) {
      const d = src.charCodeAt(p);
      if (isAsciiLetter(d) || (d >= 48 && d <= 57) || d === 58 || d === 46 || d === 95 || d === 45) p++;
      else break;
    }
    let q = p;
    while (q < end && isWhite(src.charCodeAt(q))) q++;
    if (q < end && src.charCodeAt(q) === 61) {
      q++;
      while (q < end && isWhite(src.charCodeAt(q))) q++;
      if (q >= end) return -1;
      const v = src.charCodeAt(q);
      if (v === 34 || v === 39) {
        const close = src.indexOf(v === 34 ? '"' : "'", q + 1);
        if (close === -1 || close >= end) return -1;
        p = close + 1;
      } else {
        const valueStart = q;
        while (q < end) {
          const d = src.charCodeAt(q);
          if (d <= 32 || d === 34 || d === 39 || d === 61 || d === 60 || d === 62 || d === 96) break;
          q++;
        }
        if (q === valueStart) return -1;
        p = q;
      }
    }
  }
}

/**
 * Finds needles in a text while the scan moves forward: remembers the last answer per needle so
 * that repeated searches from increasing positions cost linear time in total, where a plain
 * `indexOf` per line would rescan the rest of the document each time.
 */
export class ForwardFinder {
  declare private readonly memo: Map<string, { from: number; at: number }>;
  declare private readonly src: string;

  constructor(src: string) {
    this.src = src;
    this.memo = new Map();
  }

  /** First index >= pos of `needle`, or -1. */
  next(needle: string, pos: number): number {
    const m = this.memo.get(needle);
    if (m && m.from <= pos && (m.at === -1 || m.at >= pos)) return m.at;
    const at = this.src.indexOf(needle, pos);
    this.memo.set(needle, { from: pos, at });
    return at;
  }

  /** True when `needle` occurs entirely inside [pos, end). */
  within(needle: string, pos: number, end: number): boolean {
    const at = this.next(needle, pos);
    return at !== -1 && at + needle.length <= end;
  }
}

/** True when the text [pos, end) satisfies the end condition of an HTML block of type 1-5. */
export function htmlBlockEnds(type: number, finder: ForwardFinder, src: string, pos: number, end: number): boolean {
  switch (type) {
    case 1: {
      let i = finder.next('</', pos);
      while (i !== -1 && i < end) {
        for (const tag of RAW_TAGS) {
          const closeEnd = i + 2 + tag.length;
          if (closeEnd < end && src.charCodeAt(closeEnd) === 62 && src.slice(i + 2, closeEnd).toLowerCase() === tag) return true;
        }
        i = finder.next('</', i + 2);
      }
      return false;
    }
    case 2:
      return finder.within('-->', pos, end);
    case 3:
      return finder.within('?>', pos, end);
    case 4:
      return finder.within('>', pos, end);
    case 5:
      return finder.within(']]>', pos, end);
    default:
      return false;
  }
}
