/**
 * Link reference definitions. They matter for block structure: lines that form a definition are
 * not paragraph text, so they cannot become a setext heading (`[a]: /url` then `---` is a thematic
 * break) and the line after them is not paragraph continuation.
 */

const BAD_PROTOCOL = /^(vbscript|javascript|file|data):/i;
const GOOD_DATA = /^data:image\/(gif|png|jpeg|webp);/i;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Skips spaces/tabs and at most one line break. */
function skipWhitespace(text: string, pos: number): { pos: number; newlines: number } {
  let newlines = 0;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 10) {
      if (newlines === 1) break;
      newlines++;
    } else if (!isSpace(c)) break;
    pos++;
  }
  return { pos, newlines };
}

function parseLabel(text: string, pos: number): number {
  if (text.charCodeAt(pos) !== 91) return -1;
  let p = pos + 1;
  let nonBlank = false;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === 91) return -1;
    if (c === 93) {
      if (!nonBlank || p - pos - 1 > 999) return -1;
      return p + 1;
    }
    if (c === 92 && p + 1 < text.length) p++;
    if (c !== 32 && c !== 9 && c !== 10) nonBlank = true;
    p++;
  }
  return -1;
}

function parseDestination(text: string, pos: number): number {
  if (text.charCodeAt(pos) === 60) {
    let p = pos + 1;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 60) return -1;
      if (c === 62) return p + 1;
      if (c === 92 && p + 1 < text.length) p++;
      p++;
    }
    return -1;
  }
  let p = pos;
  let depth = 0;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c <= 32 || c === 127) break;
    if (c === 92 && p + 1 < text.length) {
      p += 2;
      continue;
    }
    if (c === 40) {
      depth++;
      if (depth > 32) return -1;
    } else if (c === 41) {
      if (depth === 0) break;
      depth--;
    }
    p++;
  }
  if (p === pos || depth !== 0) return -1;
  const dest = text.slice(pos, p);
  if (BAD_PROTOCOL.test(dest) && !GOOD_DATA.test(dest)) return -1;
  return p;
}

function parseTitle(text: string, pos: number): number {
  const open = text.charCodeAt(pos);
  const close = open === 40 ? 41 : open;
  if (open !== 34 && open !== 39 && open !== 40) return -1;
  let p = pos + 1;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === close) return p + 1;
    if (open === 40 && c === 40) return -1;
    if (c === 10 && p + 1 < text.length && text.charCodeAt(p + 1) === 10) return -1;
    if (c === 92 && p + 1 < text.length) p++;
    p++;
  }
  return -1;
}

/** Index of the next line break at or after pos when only spaces come before it (or text end). */
function restOfLineBlank(text: string, pos: number): number {
  while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
  if (pos === text.length || text.charCodeAt(pos) === 10) return pos;
  return -1;
}

/** Parses one definition at pos; returns the index just past its line (or text end), or -1. */
function parseDefinition(text: string, pos: number): number {
  const afterLabel = parseLabel(text, pos);
  if (afterLabel < 0 || text.charCodeAt(afterLabel) !== 58) return -1;
  const destStart = skipWhitespace(text, afterLabel + 1).pos;
  const destEnd = parseDestination(text, destStart);
  if (destEnd < 0) return -1;
  const ws = skipWhitespace(text, destEnd);
  if (ws.pos > destEnd) {
    const titleEnd = parseTitle(text, ws.pos);
    if (titleEnd >= 0) {
      const eol = restOfLineBlank(text, titleEnd);
      if (eol >= 0) return eol;
    }
  }
  const eol = restOfLineBlank(text, destEnd);
  return eol;
}

/**
 * Lines used by one link reference definition at the start of `lines` (each line's content, the
 * first at the definition start), or 0 when the lines do not start with a definition.
 */
export function definitionLineCount(lines: readonly string[]): number {
  const text = lines.join('\n');
  if (text.charCodeAt(0) !== 91) return 0;
  const end = parseDefinition(text, 0);
  if (end < 0) return 0;
  let breaks = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) breaks++;
  return Math.min(breaks + 1, lines.length);
}
